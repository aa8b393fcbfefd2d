package io.eer.support.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final Instant AT = Instant.parse("2026-12-05T06:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private final WebhookSigner signer = WebhookSigner.withSecret("s3cret");

    @Test
    void sign_isHmacSha256OverTimestampDotBody() throws Exception {
        byte[] body = "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(
                ("1796450400.{\"text\":\"hi\"}").getBytes(StandardCharsets.UTF_8)));

        assertThat(signer.sign(body, AT)).isEqualTo("t=1796450400,v1=" + expected);
    }

    @Test
    void verify_acceptsTheSignature_andRefusesAnyChangedByte() {
        byte[] body = "{\"text\":\"alert é\"}".getBytes(StandardCharsets.UTF_8);
        String header = signer.sign(body, AT);

        assertThat(signer.verify(body, header, AT, FIVE_MINUTES)).isTrue();
        for (int i = 0; i < body.length; i++) {
            byte[] changed = body.clone();
            changed[i] ^= 1;
            assertThat(signer.verify(changed, header, AT, FIVE_MINUTES)).as("byte %d changed", i).isFalse();
        }
        assertThat(WebhookSigner.withSecret("other").verify(body, header, AT, FIVE_MINUTES)).isFalse();
        assertThat(signer.verify(body, header, AT.plus(Duration.ofMinutes(6)), FIVE_MINUTES)).as("too old").isFalse();
        assertThat(signer.verify(body, header.replace("t=1796450400", "t=1796450401"), AT, FIVE_MINUTES)).isFalse();
        assertThat(signer.verify(body, "v1=00", AT, FIVE_MINUTES)).isFalse();
        assertThat(signer.verify(body, null, AT, FIVE_MINUTES)).isFalse();
        assertThat(signer.verify(body, "t=x,v1=zz", AT, FIVE_MINUTES)).isFalse();
    }

    @Test
    void forSender_refusesAUrlWithoutSecret_outsideTests() {
        assertThatThrownBy(() -> WebhookSigner.forSender(true, Optional.empty(), false))
                .isInstanceOf(WebhookSigner.UnsignedWebhookException.class)
                .hasMessageNotContaining("http");
        assertThatThrownBy(() -> WebhookSigner.forSender(true, Optional.of(" "), false))
                .isInstanceOf(WebhookSigner.UnsignedWebhookException.class);
        assertThat(WebhookSigner.forSender(true, Optional.empty(), true)).isEmpty();
        assertThat(WebhookSigner.forSender(false, Optional.empty(), false)).isEmpty();
        assertThat(WebhookSigner.forSender(true, Optional.of("k"), false)).isPresent();
        assertThat(signer.toString()).doesNotContain("s3cret");
    }

    @Test
    void slackText_escapesControlSequencesMentionsAndLinks() {
        String hostile = "DROP TABLE x; <!channel> <@U024BE7LH> <https://evil.example|click> @here & `code` "
                + "http://evil.example #general\u0007";
        String escaped = SlackText.escape(hostile);

        assertThat(escaped).doesNotContain("<", ">", "`", "@here", "://", "#general", "\u0007");
        assertThat(escaped).contains("&lt;!channel&gt;", "&lt;@\u2060U024BE7LH&gt;", "&amp; ",
                "@\u2060here", ":\u2060//evil.example", "#\u2060general");
        assertThat(escaped.replace("\u2060", "")).isEqualTo("DROP TABLE x; &lt;!channel&gt; &lt;@U024BE7LH&gt; "
                + "&lt;https://evil.example|click&gt; @here &amp; 'code' http://evil.example #general ");
        assertThat(SlackText.escape(null)).isEmpty();
        assertThat(SlackText.escape("line\nnext")).isEqualTo("line\nnext");
    }
}
