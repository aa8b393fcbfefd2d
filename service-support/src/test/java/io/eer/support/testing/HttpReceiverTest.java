package io.eer.support.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.support.testing.HttpReceiver.Received;
import io.eer.support.testing.HttpReceiver.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpReceiverTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-EER-Signature", "t=1,v1=ab")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void records_methodPathHeadersAndBody_withTheStatusItAnswered() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.start().on("/hooks/a")
                .on("/hooks/b", request -> Reply.status(503).header("Retry-After", "7"))) {
            HttpResponse<String> a = post(receiver.url("/hooks/a"), "{\"x\":\"é\"}");
            HttpResponse<String> b = post(receiver.url("/hooks/b"), "second");

            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(b.statusCode()).isEqualTo(503);
            assertThat(b.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(receiver.received()).extracting(Received::path).containsExactly("/hooks/a", "/hooks/b");
            Received first = receiver.received("/hooks/a").get(0);
            assertThat(first.method()).isEqualTo("POST");
            assertThat(first.text()).isEqualTo("{\"x\":\"é\"}");
            assertThat(first.header("content-type")).isEqualTo("application/json");
            assertThat(first.header("X-EER-Signature")).isEqualTo("t=1,v1=ab");
            assertThat(first.status()).isEqualTo(200);
            assertThat(receiver.received("/hooks/b")).extracting(Received::status).containsExactly(503);
            assertThat(post(receiver.url("/elsewhere"), "x").statusCode()).as("an unnamed path").isEqualTo(404);
        }
    }

    @Test
    void aHeldAnswer_doesNotHoldUpTheOthers_andCloseEndsIt() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        HttpReceiver receiver = HttpReceiver.start().on("/slow", request -> {
            arrived.countDown();
            new CountDownLatch(1).await(); // held until close interrupts it
            return Reply.status(200);
        }).on("/fast");
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(HttpRequest.newBuilder(
                URI.create(receiver.url("/slow"))).POST(HttpRequest.BodyPublishers.ofString("held")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the held request arrived").isTrue();

        assertThat(post(receiver.url("/fast"), "next").statusCode()).isEqualTo(200);
        assertThat(held).isNotDone();

        String url = receiver.url("/fast");
        receiver.close();
        // answered or cut off, but no longer hanging
        assertThat(held.handle((response, failure) -> true).get(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> post(url, "after close")).isInstanceOf(IOException.class);
    }
}
