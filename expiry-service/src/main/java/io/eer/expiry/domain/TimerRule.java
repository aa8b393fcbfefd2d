package io.eer.expiry.domain;

import io.eer.support.decider.Rule;

/** Why a timer refuses a command. */
public enum TimerRule implements Rule {
    /** Nothing was scheduled for this grant (a cancel or fire for a grant this service never saw). */
    NO_TIMER,
    /** The deadline has not come yet. */
    NOT_DUE
}
