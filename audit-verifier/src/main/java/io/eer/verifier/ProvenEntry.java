package io.eer.verifier;

import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.ProducerSequence;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * An export entry line read without parsing its event, for lines laid out as audit-service writes them:
 * {@code {"type":"entry","index":I,"recordedAt":"T","topic":"X","partition":P,"offset":O,"leaf":"…","chain":"…",
 * "event":E}}. The record's RFC 8785 bytes are assembled from the line's own bytes in the record's member order,
 * {@code {"event":E,"index":I,"offset":O,"partition":P,"recordedAt":"T","topic":"X"}}, and hashed.
 *
 * <p>Only an entry whose hash equals the leaf the line states is returned. Then, short of a SHA-256 collision, those
 * are the very bytes the ledger hashed: the record's canonical form, so the line holds nothing the record does not
 * and the full parser would recompute the same leaf. Any other line (another layout, an event not written in
 * canonical form, a changed byte) gives null and goes to the full parser, which names what is wrong exactly as
 * before. The event is read only for the two members completeness needs.
 */
record ProvenEntry(long index, byte[] leaf, byte[] statedChain, Instant recordedAt, String source,
        OptionalLong sequence) {

    private static final byte[] SOURCE = ascii("source");
    private static final byte[] SEQUENCE = ascii("sequence");
    private static final byte[] HEAD = ascii("{\"type\":\"entry\",\"index\":");
    private static final byte[] RECORDED_AT = ascii(",\"recordedAt\":\"");
    private static final byte[] TOPIC = ascii("\",\"topic\":\"");
    private static final byte[] PARTITION = ascii("\",\"partition\":");
    private static final byte[] OFFSET = ascii(",\"offset\":");
    private static final byte[] LEAF = ascii(",\"leaf\":\"");
    private static final byte[] CHAIN = ascii("\",\"chain\":\"");
    private static final byte[] EVENT = ascii("\",\"event\":");
    private static final byte[] RECORD_EVENT = ascii("{\"event\":");
    private static final byte[] RECORD_INDEX = ascii(",\"index\":");
    private static final byte[] RECORD_PARTITION = ascii(",\"partition\":");
    private static final byte[] RECORD_END = ascii("\"}");
    private static final int TIME_LENGTH = "2026-01-02T03:04:05.123456Z".length();
    private static final int HEX_LENGTH = 2 * LedgerHash.LENGTH;

    // the record under assembly, one per worker thread
    private static final ThreadLocal<Buffer> RECORD = ThreadLocal.withInitial(Buffer::new);

    /** The entry on {@code line[from, to)}, proven by its stated leaf, or null (read it with the full parser). */
    static ProvenEntry read(byte[] line, int from, int to) {
        int indexAt = literal(line, from, to, HEAD);
        int indexEnd = digits(line, indexAt, to, 18);
        int timeAt = literal(line, indexEnd, to, RECORDED_AT);
        int timeEnd = timeAt < 0 || timeAt + TIME_LENGTH > to ? -1 : timeAt + TIME_LENGTH;
        int topicAt = literal(line, timeEnd, to, TOPIC);
        int topicEnd = topicName(line, topicAt, to);
        int partitionAt = literal(line, topicEnd, to, PARTITION);
        int partitionEnd = digits(line, partitionAt, to, 9);
        int offsetAt = literal(line, partitionEnd, to, OFFSET);
        int offsetEnd = digits(line, offsetAt, to, 18);
        int leafAt = literal(line, offsetEnd, to, LEAF);
        byte[] statedLeaf = hex(line, leafAt, to);
        int chainAt = literal(line, leafAt < 0 ? -1 : leafAt + HEX_LENGTH, to, CHAIN);
        byte[] statedChain = hex(line, chainAt, to);
        int eventAt = literal(line, chainAt < 0 ? -1 : chainAt + HEX_LENGTH, to, EVENT);
        int eventEnd = to - 1; // the line's closing brace
        if (statedLeaf == null || statedChain == null || eventAt < 0 || eventAt >= eventEnd
                || line[eventAt] != '{' || line[eventEnd] != '}') {
            return null;
        }
        Buffer record = RECORD.get().clear()
                .add(RECORD_EVENT).add(line, eventAt, eventEnd)
                .add(RECORD_INDEX).add(line, indexAt, indexEnd)
                .add(OFFSET).add(line, offsetAt, offsetEnd)
                .add(RECORD_PARTITION).add(line, partitionAt, partitionEnd)
                .add(RECORDED_AT).add(line, timeAt, timeEnd)
                .add(TOPIC).add(line, topicAt, topicEnd).add(RECORD_END);
        byte[] leaf = LedgerHash.leaf(record.bytes, 0, record.length);
        if (!Arrays.equals(leaf, statedLeaf)) {
            return null;
        }
        try {
            Instant recordedAt = ExportVerifier.recordedAt(new String(line, timeAt, TIME_LENGTH,
                    StandardCharsets.ISO_8859_1));
            String[] members = sourceAndSequence(line, eventAt, eventEnd);
            return new ProvenEntry(decimal(line, indexAt, indexEnd), leaf, statedChain, recordedAt, members[0],
                    ProducerSequence.sequenceOf(members[1]));
        } catch (RuntimeException e) {
            return null; // a time the full parser refuses in its own words, or an escaped source or sequence
        }
    }

    /**
     * The event's top-level {@code source} and {@code sequence} strings (null when absent or not strings). Reads
     * RFC 8785 bytes only, which the caller has proven these to be: no whitespace, every member name followed at once
     * by its colon (so a string at depth 1 followed by a colon is a member name), members sorted.
     */
    private static String[] sourceAndSequence(byte[] event, int from, int to) {
        String[] members = new String[2];
        int depth = 0;
        for (int at = from; at < to; at++) {
            byte b = event[at];
            if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            } else if (b == '"') {
                int end = stringEnd(event, at, to);
                if (depth == 1 && end + 1 < to && event[end + 1] == ':') {
                    int slot = name(event, at + 1, end, SOURCE) ? 0 : name(event, at + 1, end, SEQUENCE) ? 1 : -1;
                    if (slot >= 0) {
                        members[slot] = plainString(event, end + 2, to);
                    }
                    if (slot == 0) {
                        return members; // "sequence" sorts before "source": nothing more to find
                    }
                }
                at = end;
            }
        }
        return members;
    }

    /** The closing quote of the string opening at {@code at}. */
    private static int stringEnd(byte[] json, int at, int to) {
        int end = at + 1;
        while (end < to && json[end] != '"') {
            end += json[end] == '\\' ? 2 : 1;
        }
        return end;
    }

    private static boolean name(byte[] json, int from, int to, byte[] name) {
        return Arrays.equals(json, from, to, name, 0, name.length);
    }

    /**
     * The string value at {@code at}, or null when the value is not a string. One written with an escape is left to
     * the full parser ({@link #read} gives null), which decodes it.
     */
    private static String plainString(byte[] json, int at, int to) {
        if (at >= to || json[at] != '"') {
            return null;
        }
        int end = stringEnd(json, at, to);
        for (int i = at + 1; i < end; i++) {
            if (json[i] == '\\') {
                throw new IllegalArgumentException("an escaped string: read by the full parser");
            }
        }
        return new String(json, at + 1, end - at - 1, StandardCharsets.UTF_8);
    }

    /** The position after {@code literal} at {@code at}, or -1 (also when {@code at} is already -1). */
    private static int literal(byte[] line, int at, int to, byte[] literal) {
        if (at < 0 || to - at < literal.length) {
            return -1;
        }
        // a plain loop: these are a dozen bytes, where Arrays.equals' range check and setup cost more than the compare
        for (int i = 0; i < literal.length; i++) {
            if (line[at + i] != literal[i]) {
                return -1;
            }
        }
        return at + literal.length;
    }

    /** The value of the digits {@code line[from, to)} (at most 18: no overflow). */
    private static long decimal(byte[] line, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (line[i] - '0');
        }
        return value;
    }

    /** The end of 1 to {@code max} decimal digits at {@code at}, or -1. */
    private static int digits(byte[] line, int at, int to, int max) {
        int end = at;
        while (end >= 0 && end < to && end - at < max && line[end] >= '0' && line[end] <= '9') {
            end++;
        }
        return at < 0 || end == at || (end < to && line[end] >= '0' && line[end] <= '9') ? -1 : end;
    }

    /** The end of a Kafka topic name ({@code [a-zA-Z0-9._-]+}, nothing to escape) at {@code at}, or -1. */
    private static int topicName(byte[] line, int at, int to) {
        int end = at;
        while (end >= 0 && end < to && topicCharacter(line[end])) {
            end++;
        }
        return at < 0 || end == at ? -1 : end;
    }

    private static boolean topicCharacter(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.' || b == '_' || b == '-';
    }

    /** The hash written as 64 hex digits at {@code at}, or null. */
    private static byte[] hex(byte[] line, int at, int to) {
        if (at < 0 || to - at < HEX_LENGTH) {
            return null;
        }
        byte[] hash = new byte[LedgerHash.LENGTH];
        for (int i = 0; i < hash.length; i++) {
            int high = NIBBLE[line[at + 2 * i] & 0xff];
            int low = NIBBLE[line[at + 2 * i + 1] & 0xff];
            if ((high | low) < 0) {
                return null;
            }
            hash[i] = (byte) (high << 4 | low);
        }
        return hash;
    }

    /** The value of each byte as a hex digit (either case), else -1. */
    private static final int[] NIBBLE = new int[256];

    static {
        Arrays.fill(NIBBLE, -1);
        for (int d = 0; d < 16; d++) {
            NIBBLE[Character.forDigit(d, 16)] = d;
            NIBBLE[Character.toUpperCase(Character.forDigit(d, 16))] = d;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A growable byte buffer, reused for every record a thread assembles. */
    private static final class Buffer {
        byte[] bytes = new byte[4096];
        int length;

        Buffer clear() {
            length = 0;
            return this;
        }

        Buffer add(byte[] literal) {
            return add(literal, 0, literal.length);
        }

        Buffer add(byte[] source, int from, int to) {
            ensure(to - from);
            System.arraycopy(source, from, bytes, length, to - from);
            length += to - from;
            return this;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
            }
        }
    }
}
