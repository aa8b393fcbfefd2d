package io.eer.approval.api;

import io.eer.approval.application.RebuildApprovalProjections;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.logging.Logger;

/** Operations on this service's own data, for {@value #ADMINS} only (403 problem otherwise). */
@Path("/v1/admin/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    static final String ADMINS = "eer-admins";
    private static final Logger LOG = Logger.getLogger(AdminResource.class);

    private final RebuildApprovalProjections rebuild;

    AdminResource(RebuildApprovalProjections rebuild) {
        this.rebuild = rebuild;
    }

    /** Rebuilds the approval read model from the event log; answers {@code {"replayed": <events>}}. */
    @POST
    @Path("/rebuild")
    @RolesAllowed(ADMINS)
    public Uni<Map<String, Long>> rebuild() {
        return rebuild.execute().invoke(n -> LOG.infof("approval read model rebuilt from %d events", n))
                .map(n -> Map.of("replayed", n));
    }
}
