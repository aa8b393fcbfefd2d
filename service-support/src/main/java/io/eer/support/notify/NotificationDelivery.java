package io.eer.support.notify;

import io.eer.support.poll.DueWork;
import java.util.Optional;

/**
 * A service's notification delivery (an application operation): the {@link NotificationQueue#delivery DueWork} that
 * posts its queue, or empty when nothing may be posted (no URL, or no secret for it). {@link NotificationPollers}
 * starts each one found at start-up.
 */
public interface NotificationDelivery {

    Optional<DueWork> work();
}
