package io.eer.support.testing;

import static io.restassured.RestAssured.given;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One sample of a metric as Prometheus scrapes it from the service under test ({@code GET /q/metrics}). */
public final class MetricsScrape {

    /** A token in the scrape group ({@code eer-metrics}). */
    public static final String SCRAPER = TestTokens.employee("prometheus", "eer-metrics");

    private MetricsScrape() {
    }

    /** The first sample of {@code metric} (any labels), or empty when the service does not expose it (yet). */
    public static Optional<Double> sample(String metric) {
        String text = given().auth().oauth2(SCRAPER).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*})? ([-+0-9.eE]+|NaN)$")
                .matcher(text);
        return sample.find() ? Optional.of(Double.parseDouble(sample.group(2))) : Optional.empty();
    }
}
