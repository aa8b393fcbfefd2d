package io.eer.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.contracts.json.CanonicalJson;
import org.junit.jupiter.api.Test;

/** The verifier's own RFC 8785 code writes the same bytes as the one the ledger hashes with. */
class JcsTest {

    @Test
    void agreesWithEventContracts() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String[] documents = {
            "{\"b\":[1,2.5,-0.0,1e21,1e-7,123456789012345678,0.1],\"a\":{\"é\":\"\\u0007\\n\\\"\",\"\\ud83d\\ude00\":true}}",
            "{\"numbers\":[333333333.33333329,1E30,4.50,2e-3,0.000001,5e-324,1.7976931348623157e308]}",
            "{\"\\u20ac\":\"€\",\"\\r\":null,\"1\":false,\"10\":[],\"\":{}}",
        };
        for (String document : documents) {
            var node = json.readTree(document);
            assertThat(Jcs.writeString(node)).isEqualTo(CanonicalJson.writeString(node));
        }
        assertThat(Jcs.writeString(json.readTree("{\"n\":[1.50,1e21]}"))).isEqualTo("{\"n\":[1.5,1e+21]}");
    }
}
