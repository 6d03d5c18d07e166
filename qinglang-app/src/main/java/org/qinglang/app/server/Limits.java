package org.qinglang.app.server;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The limits of the API (接口限额), from {@code qinglang.limits.*}; every error that hits one names it.
 *
 * @param textChars         the longest text, in UTF-16 units, of a check or an event (10,000)
 * @param batchEvents       the most events in one {@code POST /events} (10,000)
 * @param eventsBodyBytes   the largest {@code POST /events} body
 * @param checkBodyBytes    the largest body of any other API request
 * @param requestsPerSecond requests per second one API key may make, sustained
 * @param burst             requests one API key may make at once after a quiet spell
 */
@ConfigurationProperties("qinglang.limits")
public record Limits(int textChars, int batchEvents, long eventsBodyBytes, long checkBodyBytes,
                     long requestsPerSecond, long burst) {

    /** The most characters a text column holds ({@code event.text}, {@code event.reason}: varchar(10000)). */
    public static final int MAX_TEXT_CHARS = 10_000;

    public Limits {
        if (textChars > MAX_TEXT_CHARS) {
            // a longer text would pass the check and then fail its whole batch at the insert
            throw new IllegalArgumentException("qinglang.limits.text-chars is at most " + MAX_TEXT_CHARS
                    + " (the database's text columns), was " + textChars);
        }
        if (textChars <= 0 || batchEvents <= 0 || eventsBodyBytes <= 0 || checkBodyBytes <= 0
                || requestsPerSecond <= 0 || burst < requestsPerSecond) {
            throw new IllegalArgumentException("qinglang.limits: every limit must be above 0 and burst at least "
                    + "requests-per-second, were " + this);
        }
    }
}
