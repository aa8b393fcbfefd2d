package io.eer.support.config;

import java.util.List;

/** Settings with rules across several values, which a constraint on one value cannot express. */
public interface ConsistentSettings {

    /** One message per broken rule, naming the settings and never quoting a secret value; empty when all hold. */
    List<String> inconsistencies();
}
