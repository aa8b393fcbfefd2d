package io.eer.request.infra;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "eer.request")
public interface PolicySettings {
    /** Path of the YAML policy file. */
    String policyFile();
}
