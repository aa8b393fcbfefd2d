package io.eer.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier's hashes against vectors computed outside Java. */
class HashesTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 6962 roots of the certificate-transparency test leaves (checked with Python's hashlib). */
    private static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    static List<byte[]> ctLeaves() {
        String[] inputs = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
        List<byte[]> leaves = new ArrayList<>();
        for (String input : inputs) {
            leaves.add(Hashes.leaf(HEX.parseHex(input)));
        }
        return leaves;
    }

    @Test
    void merkleRoots_matchTheRfc6962TestVectors() {
        List<byte[]> leaves = ctLeaves();
        assertThat(HEX.formatHex(Hashes.root(leaves, 0, 0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int size = 1; size <= 8; size++) {
            assertThat(HEX.formatHex(Hashes.root(leaves, 0, size))).as("size " + size).isEqualTo(ROOTS[size - 1]);
        }
    }

    @Test
    void consistencyProofs_verifyBetweenEveryPairOfSizes_andFailWhenAltered() {
        List<byte[]> leaves = ctLeaves();
        for (int m = 1; m <= 8; m++) {
            for (int n = m; n <= 8; n++) {
                List<byte[]> proof = Hashes.consistencyProof(leaves, m, n);
                assertThat(Hashes.verifyConsistency(m, n, proof, HEX.parseHex(ROOTS[m - 1]),
                        HEX.parseHex(ROOTS[n - 1]))).as(m + "->" + n).isTrue();
                if (m < n) {
                    assertThat(Hashes.verifyConsistency(m, n, proof, HEX.parseHex(ROOTS[n - 1]),
                            HEX.parseHex(ROOTS[n - 1]))).as("wrong old root " + m + "->" + n).isFalse();
                }
            }
        }
    }

    @Test
    void ledgerLeafAndChain_matchTheReadmeVector() throws Exception {
        String record = "{\"event\":{\"data\":{\"a\":\"x\",\"b\":2},\"id\":\"e-1\",\"source\":\"/eer/request-service\","
                + "\"specversion\":\"1.0\",\"subject\":\"r-1\",\"time\":\"2026-01-01T00:00:00Z\","
                + "\"type\":\"io.eer.Test.v1\"},\"index\":0,\"offset\":7,\"partition\":1,"
                + "\"recordedAt\":\"2026-01-02T03:04:05.123456Z\",\"topic\":\"eer.requests\"}";
        byte[] canonical = Jcs.write(new ObjectMapper().readTree(record));
        assertThat(new String(canonical, StandardCharsets.UTF_8)).isEqualTo(record);
        byte[] leaf = Hashes.leaf(canonical);
        assertThat(HEX.formatHex(leaf)).isEqualTo("10ae4c62f10858242caf9eaaf2915aa0dec1d9bb67444f31f3ef98f95c073770");
        assertThat(HEX.formatHex(Hashes.chain(new byte[32], leaf)))
                .isEqualTo("a2398ea80939978747faf741c52780a6a5574a86816e22580f9b8337ae1a1efa");
    }
}
