package io.eer.support.webhook;

/**
 * Makes text safe to put into a Slack {@code mrkdwn} field when it may come from a user (a session action, a
 * justification, an id): Slack's own escaping of {@code &}, {@code <} and {@code >} (so {@code <!channel>},
 * {@code <@U123>} and {@code <https://x|label>} are shown, not parsed), plus a word joiner (U+2060) after every
 * {@code @} and {@code #} and inside {@code ://}, so {@code @here}, {@code @channel}, a user or channel name and a
 * bare URL are not linked or turned into a notification. Backticks become {@code '} so a value cannot close the
 * code span it is shown in. Control characters other than newline become spaces.
 */
public final class SlackText {

    static final char WORD_JOINER = '\u2060';

    private SlackText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '`' -> out.append('\'');
                case '@', '#' -> out.append(c).append(WORD_JOINER);
                case ':' -> {
                    out.append(c);
                    if (text.startsWith("//", i + 1)) {
                        out.append(WORD_JOINER);
                    }
                }
                default -> out.append(c != '\n' && Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }
}
