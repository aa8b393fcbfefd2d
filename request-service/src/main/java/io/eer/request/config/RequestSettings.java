package io.eer.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

@ConfigMapping(prefix = "eer.request")
public interface RequestSettings {

    /**
     * Path of the YAML policy loaded at start and by {@code POST /v1/policy:reload}. Required (no default); no
     * constraint annotation here: the policy store itself refuses a missing or unreadable file at start, naming it.
     */
    String policyFile();

    /** Groups that may load a new policy and cancel anyone's request. */
    @WithDefault("eer-admins")
    List<String> adminGroups();

    /** Groups that may read any request's status, besides its requester and beneficiary. */
    @WithDefault("secops,auditors,eer-admins")
    List<String> overseerGroups();
}
