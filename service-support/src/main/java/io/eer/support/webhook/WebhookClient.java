package io.eer.support.webhook;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;

/**
 * The one call a webhook takes: POST the body to the configured URL (the whole URL is the client's base URI).
 * Built per sender by {@link WebhookSender} with the Quarkus REST Client; not a CDI bean.
 */
public interface WebhookClient {

    @POST
    @Consumes("application/json")
    Uni<Response> post(@HeaderParam(WebhookSigner.HEADER) String signature, byte[] body);
}
