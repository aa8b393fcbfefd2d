package io.eer.verifier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.json.CanonicalJson;
import io.eer.ledger.format.Completeness;
import io.eer.ledger.format.Ed25519;
import io.eer.ledger.format.HashList;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.MerkleLevels;
import io.eer.ledger.format.MerkleTree;
import io.eer.ledger.format.SequenceGap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checks an EER ledger export ({@code GET /v1/audit/export}, format {@code eer-ledger-export/1}) with nothing but the
 * checkpoint public key(s): every index present and in order from 0, every leaf recomputed from its record, every
 * chain value, each checkpoint's Ed25519 signature, chain head and RFC 6962 Merkle root, the consistency of each
 * checkpoint with the one before, and optionally an inclusion proof. Stops at the first failure and names it.
 */
final class ExportVerifier {

    static final String FORMAT = "eer-ledger-export/1";
    private static final Pattern RECORDED_AT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Key id -> public key; the key id {@link #ANY_KEY} stands for a key given without an id. */
    static final String ANY_KEY = "*";

    /** Bytes of the export handed to a worker at a time; blocks in flight at most: twice the workers (the memory). */
    private static final int BLOCK = 1 << 19;

    /** A block of the export handed to a worker, and the lines it prepares from it. */
    private record Block(byte[] bytes, Future<List<Prepared>> lines) {
    }

    private final Map<String, PublicKey> keys;
    // every leaf and every perfect subtree above them: a checkpoint's root and consistency proof in O(log n) hashes
    private final MerkleLevels leaves = new MerkleLevels();
    private final HashList chains = new HashList();
    private byte[] chainHead = LedgerHash.genesis();
    private final Report report = new Report();
    // the producers' sequences, by ledger-format's Completeness (the rules /v1/audit/verify applies)
    private final Completeness sequences = new Completeness();
    private Instant lastRecordedAt;
    private ExecutorService pool;
    // checkpoint signatures checked ahead, on a thread of their own while the entries are verified, by exactly what
    // they cover: a hint only (a line not found here is checked when its turn comes)
    private final Map<SignatureInput, Future<Boolean>> early = new HashMap<>();
    private ExecutorService signer;
    private int earlyUsed;
    private long proven;
    // from the header
    private String origin;
    private long declaredTo = -1;
    private final Duration gapGrace;

    ExportVerifier(Map<String, PublicKey> keys) {
        this(keys, DEFAULT_GAP_GRACE);
    }

    /**
     * {@code gapGrace}: a gap in a producer's sequence revealed less than this before the export's last entry is
     * reported as young (events of other partitions may still have been on their way); an older one makes the export
     * INCOMPLETE.
     */
    ExportVerifier(Map<String, PublicKey> keys, Duration gapGrace) {
        this.keys = Map.copyOf(keys);
        this.gapGrace = gapGrace;
    }

    static final Duration DEFAULT_GAP_GRACE = Duration.ofSeconds(30);

    private record SignatureInput(PublicKey key, String body, String signature) {

        /** What the signature of checkpoint line {@code line} covers, or null when no key was given for it. */
        static SignatureInput of(Map<String, PublicKey> keys, JsonNode line) {
            JsonNode body = line.path("checkpoint");
            PublicKey key = keyFor(keys, body);
            if (key == null) {
                return null;
            }
            try {
                return new SignatureInput(key, CanonicalJson.writeString(body), line.path("signature").asText());
            } catch (IllegalArgumentException e) {
                return null; // no canonical form: checked (and refused) in its turn
            }
        }
    }

    /** The last bytes of an export read to find its checkpoint lines ahead: about 10,000 checkpoints. */
    private static final int TAIL = 4 << 20;

    /**
     * Starts checking the signatures of the checkpoint lines at the end of {@code export} on a thread of their own,
     * so that Ed25519 (a third of the warm run's time, all of it at the end) overlaps the entries. Only a hint:
     * {@link #verify} still checks every checkpoint it reads, using a result from here only for the very same key,
     * canonical body and signature.
     */
    void checkSignaturesAhead(Path export) {
        List<String> lines;
        try (FileChannel file = FileChannel.open(export, StandardOpenOption.READ)) {
            long from = Math.max(0, file.size() - TAIL);
            ByteBuffer tail = ByteBuffer.allocate((int) (file.size() - from));
            while (tail.hasRemaining() && file.read(tail, from + tail.position()) > 0) {
                // read to the end
            }
            lines = List.of(new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).split("\n"));
        } catch (IOException | RuntimeException e) {
            return; // the verification proper reads the file and reports
        }
        signer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "verifier-signatures");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = lines.size() - 1; i >= 0 && !lines.get(i).contains("\"type\":\"entry\""); i--) {
            try {
                JsonNode line = JSON.readTree(lines.get(i));
                SignatureInput input = SignatureInput.of(keys, line);
                if (input != null && !early.containsKey(input)) {
                    early.put(input, signer.submit(() -> signatureValid(input.key(), line.path("checkpoint"),
                            input.signature())));
                }
            } catch (IOException | RuntimeException e) {
                // not a whole or readable line: the verification proper reports it
            }
        }
    }

    /** How many entries were proven by their stated leaf, their events never parsed ({@link ProvenEntry}). */
    long provenEntries() {
        return proven;
    }

    /** How many checkpoint signatures came from {@link #checkSignaturesAhead}. */
    int signaturesCheckedAhead() {
        return earlyUsed;
    }

    /** Verifies {@code export}; {@code inclusionProof} is the body of {@code GET /v1/audit/proofs/inclusion}, or null. */
    Report verify(InputStream export, JsonNode inclusionProof) throws IOException {
        int workers = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "verifier-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return verify(export, inclusionProof, pool, 2 * workers);
        } finally {
            pool.shutdownNow();
            if (signer != null) {
                signer.shutdownNow();
            }
        }
    }

    /**
     * Workers split blocks of the file into lines and prepare each (pure work on one line: a proven entry, else parsed,
     * its record canonicalised and its leaf hashed), block by block, while this thread reads ahead and folds the
     * prepared lines strictly in file order: every check, failure and message is what a line-by-line run gives.
     */
    private Report verify(InputStream export, JsonNode inclusionProof, ExecutorService pool, int window)
            throws IOException {
        this.pool = pool;
        Deque<Block> inFlight = new ArrayDeque<>();
        Deque<byte[]> free = new ArrayDeque<>(); // blocks whose lines are folded: their bytes are read into again
        byte[] carry = new byte[BLOCK];
        int carried = 0; // the unfinished last line of the block before
        boolean eof = false;
        List<JsonNode> checkpoints = new ArrayList<>();
        int lineNumber = 0;
        while (true) {
            while (!eof && inFlight.size() < window) {
                byte[] block = free.isEmpty() ? new byte[BLOCK] : free.pop();
                if (block.length < 2 * carried) {
                    block = new byte[2 * carried]; // a line longer than a block
                }
                System.arraycopy(carry, 0, block, 0, carried);
                int length = carried;
                int read;
                while (length < block.length && (read = export.read(block, length, block.length - length)) > 0) {
                    length += read;
                }
                eof = length < block.length;
                // whole lines go to a worker; the unfinished last one waits for the next block, or is the last line
                int end = eof ? length : lastNewline(block, length) + 1;
                carried = length - end;
                if (carry.length < carried) {
                    carry = new byte[block.length];
                }
                System.arraycopy(block, end, carry, 0, carried);
                if (end > 0) {
                    byte[] lines = block;
                    inFlight.add(new Block(lines, pool.submit(() -> prepare(lines, end))));
                } else {
                    free.push(block);
                }
            }
            if (inFlight.isEmpty()) {
                break;
            }
            Block block = inFlight.poll();
            List<Prepared> lines = await(block.lines());
            free.push(block.bytes()); // nothing prepared refers to the block's bytes
            for (Prepared prepared : lines) {
                lineNumber++;
                if (!fold(prepared, lineNumber, checkpoints)) {
                    return report;
                }
            }
        }
        if (lineNumber == 0) {
            return report.fail(null, null, "not an export", "the export is empty");
        }
        long size = leaves.size();
        report.ok("entries: index 0.." + (size - 1) + " (" + size + "), gap-free and in order; every leaf "
                + "SHA-256(0x00 || JCS(record)) and chain value SHA-256(0x02 || chain[i-1] || leaf[i]) recomputed; "
                + "chain head " + (size == 0 ? "(empty)" : LedgerHash.hex(chains.get((int) size - 1))));
        if (!checkpoints(checkpoints, origin)) {
            return report;
        }
        if (declaredTo != size) {
            return report.fail(size, null, "index gap", "the header announces entries up to index "
                    + (declaredTo - 1) + " but the export holds " + size + ": entries from index " + size
                    + " are missing");
        }
        if (inclusionProof != null) {
            inclusion(inclusionProof, checkpoints);
        }
        if (report.valid()) {
            completeness();
        }
        return report;
    }

    /** Folds one prepared line into the verdict, in file order; false once the report names a failure. */
    private boolean fold(Prepared prepared, int lineNumber, List<JsonNode> checkpoints) throws IOException {
        if (prepared == null) {
            return true; // a blank line
        }
        if (prepared instanceof Undecodable undecodable) {
            throw undecodable.error();
        }
        if (prepared instanceof Proven proven) {
            return notAHeader(lineNumber) && entryAllowed(lineNumber, checkpoints)
                    && entry(proven.entry(), lineNumber);
        }
        Parsed parsed = (Parsed) prepared;
        JsonNode line = parsed.line();
        if (line == null) {
            report.fail((long) leaves.size(), null, "unreadable line",
                    "line " + lineNumber + " is not JSON: " + parsed.unreadable());
            return false;
        }
        String type = line.path("type").asText();
        if (lineNumber == 1) {
            if (!"header".equals(type) || !FORMAT.equals(line.path("format").asText())) {
                return notAHeader(lineNumber);
            }
            if (line.path("from").asLong(-1) != 0) {
                report.fail(line.path("from").asLong(), null, "partial export",
                        "the export starts at index " + line.path("from").asText()
                                + "; the chain and the Merkle roots can only be recomputed from index 0 (export "
                                + "with from=0)");
                return false;
            }
            origin = line.path("origin").asText();
            declaredTo = line.path("to").asLong(-1);
            return true;
        }
        if ("entry".equals(type)) {
            if (!entryAllowed(lineNumber, checkpoints) || !entry(parsed, lineNumber)) {
                return false;
            }
        } else if ("checkpoint".equals(type)) {
            checkpoints.add(line);
        } else {
            report.fail(null, null, "unknown line", "line " + lineNumber + " has type '" + type + "'");
            return false;
        }
        return true;
    }

    /** False, with the failure named, for line 1: an export starts with its header. */
    private boolean notAHeader(int lineNumber) {
        if (lineNumber == 1) {
            report.fail(null, null, "not an export", "line 1 is not an " + FORMAT + " header");
            return false;
        }
        return true;
    }

    /** False, with the failure named, for an entry after the checkpoints. */
    private boolean entryAllowed(int lineNumber, List<JsonNode> checkpoints) {
        if (!checkpoints.isEmpty()) {
            report.fail((long) leaves.size(), null, "misplaced entry",
                    "line " + lineNumber + ": an entry after the checkpoints");
            return false;
        }
        return true;
    }

    /** Gaps in the producers' sequences: reported; an old one makes the verdict INCOMPLETE. */
    private void completeness() {
        // nothing is printed when nothing is missing (the entries line already says the export is gap-free)
        List<SequenceGap> gaps = sequences.gaps();
        for (SequenceGap gap : gaps) {
            // old: revealed at least gapGrace before the export's last entry (so it counts)
            boolean old = !gap.openSince().plus(gapGrace).isAfter(lastRecordedAt);
            String numbers = gap.first() == gap.last() ? "sequence " + gap.first()
                    : "sequences " + gap.first() + ".." + gap.last();
            String line = "%s %s missing since %s".formatted(gap.producer(), numbers, gap.openSince());
            if (old) {
                report.missing(line);
            } else {
                report.ok("completeness: young gap (revealed less than " + gapGrace + " before the last entry): "
                        + line);
            }
        }
    }

    /** One line as a worker prepared it; a blank line is null. */
    private sealed interface Prepared {
    }

    /** An entry line proven by its stated leaf, its event not parsed ({@link ProvenEntry}). */
    private record Proven(ProvenEntry entry) implements Prepared {
    }

    /** A line that is not UTF-8: the export cannot be read, as a reader of text would fail on it. */
    private record Undecodable(CharacterCodingException error) implements Prepared {
    }

    /** A line read by the full parser (or why it is not JSON) and, for a well-formed entry, its leaf. */
    private record Parsed(JsonNode line, String unreadable, byte[] leaf, String noCanonicalForm,
            Instant recordedAt, RuntimeException badTime) implements Prepared {
    }

    /** The lines of {@code block[0, end)}, each prepared. Runs on a worker; touches no state of the verifier. */
    private static List<Prepared> prepare(byte[] block, int end) {
        List<Prepared> prepared = new ArrayList<>();
        int from = 0;
        while (from < end) {
            int to = from;
            while (to < end && block[to] != '\n') {
                to++;
            }
            int lineEnd = to > from && block[to - 1] == '\r' ? to - 1 : to; // CRLF, as a text reader takes it
            ProvenEntry entry = ProvenEntry.read(block, from, lineEnd);
            prepared.add(entry != null ? new Proven(entry) : parse(block, from, lineEnd));
            from = to + 1;
        }
        return prepared;
    }

    private static final ThreadLocal<CharsetDecoder> UTF_8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

    /** A line the full parser reads; null for a blank one. */
    private static Prepared parse(byte[] block, int from, int to) {
        String text;
        try {
            text = UTF_8.get().decode(ByteBuffer.wrap(block, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return new Undecodable(e);
        }
        if (text.isBlank()) {
            return null;
        }
        JsonNode line;
        try {
            line = JSON.readTree(text);
        } catch (IOException e) {
            return new Parsed(null, e.getMessage(), null, null, null, null);
        }
        if (!"entry".equals(line.path("type").asText()) || !wellFormed(line)) {
            return new Parsed(line, null, null, null, null, null);
        }
        byte[] leaf = null;
        String noCanonicalForm = null;
        try {
            leaf = LedgerHash.leaf(CanonicalJson.write(record(line)));
        } catch (IllegalArgumentException e) {
            noCanonicalForm = e.getMessage();
        }
        Instant recordedAt = null;
        RuntimeException badTime = null;
        try {
            recordedAt = recordedAt(line.path("recordedAt").asText());
        } catch (RuntimeException e) {
            badTime = e;
        }
        return new Parsed(line, null, leaf, noCanonicalForm, recordedAt, badTime);
    }

    /** The position of the last newline in {@code block[0, length)}, or -1. */
    private static int lastNewline(byte[] block, int length) {
        int at = length - 1;
        while (at >= 0 && block[at] != '\n') {
            at--;
        }
        return at;
    }

    /**
     * {@code recordedAt} (already matched by {@link #RECORDED_AT}) as an instant: read by position, as Instant.parse
     * (a tenth of the verifier's time) reads it; anything it might read otherwise (hour 24, a leap second, a 30th of
     * February) goes to Instant.parse itself.
     */
    static Instant recordedAt(String text) {
        try {
            int hour = digits(text, 11, 2);
            int second = digits(text, 17, 2);
            if (hour < 24 && second < 60) {
                return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2), hour,
                        digits(text, 14, 2), second, digits(text, 20, 6) * 1000).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeException e) {
            // Instant.parse below names the problem
        }
        return Instant.parse(text);
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static final List<String> RECORD_MEMBERS = List.of("index", "recordedAt", "topic", "partition", "offset",
            "event");

    /** The record the leaf commits to: the entry's six members, or null when one is missing. */
    private static ObjectNode record(JsonNode line) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        for (String member : RECORD_MEMBERS) {
            JsonNode value = line.get(member);
            if (value == null) {
                return null;
            }
            record.set(member, value);
        }
        return record;
    }

    private static boolean wellFormed(JsonNode line) {
        return record(line) != null && RECORDED_AT.matcher(line.path("recordedAt").asText()).matches()
                && line.path("event").isObject() && line.path("topic").isTextual()
                && line.path("partition").isIntegralNumber() && line.path("offset").isIntegralNumber();
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A proven entry: its leaf is the stated one already; its index, chain value and sequence are checked here. */
    private boolean entry(ProvenEntry entry, int lineNumber) {
        if (!inOrder(entry.index(), Long.toString(entry.index()), lineNumber)) {
            return false;
        }
        byte[] chain = chained(entry.index(), entry.leaf(), entry.statedChain(),
                () -> LedgerHash.hex(entry.statedChain()));
        if (chain == null) {
            return false;
        }
        proven++;
        sequences.observe(entry.source(), entry.sequence(), entry.recordedAt());
        append(entry.leaf(), chain, entry.recordedAt());
        return true;
    }

    private boolean entry(Parsed prepared, int lineNumber) {
        JsonNode line = prepared.line();
        long index = line.path("index").asLong(-1);
        if (!inOrder(line.path("index").isIntegralNumber() ? index : -1, line.path("index").asText(), lineNumber)) {
            return false;
        }
        for (String member : RECORD_MEMBERS) {
            if (line.get(member) == null) {
                report.fail(index, null, "leaf mismatch", "entry " + index + " has no '" + member + "'");
                return false;
            }
        }
        if (!wellFormed(line)) {
            report.fail(index, null, "leaf mismatch", "entry " + index + " is not a well-formed record "
                    + "(recordedAt with six fraction digits, topic, integer partition and offset, event object)");
            return false;
        }
        if (prepared.leaf() == null) {
            report.fail(index, null, "leaf mismatch", "entry " + index + " has no RFC 8785 form: "
                    + prepared.noCanonicalForm());
            return false;
        }
        byte[] leaf = prepared.leaf();
        byte[] stated = hex(line.path("leaf").asText());
        if (!Arrays.equals(leaf, stated)) {
            report.fail(index, null, "leaf mismatch", "entry " + index + ": the leaf recomputed from its record is "
                    + LedgerHash.hex(leaf) + ", the export states " + line.path("leaf").asText()
                    + " (its event, recordedAt, topic, partition or offset was changed)");
            return false;
        }
        byte[] chain = chained(index, leaf, hex(line.path("chain").asText()), () -> line.path("chain").asText());
        if (chain == null) {
            return false;
        }
        if (prepared.badTime() != null) {
            throw prepared.badTime(); // as Instant.parse threw here before the work moved to the workers
        }
        sequences.observe(line.path("event"), prepared.recordedAt());
        append(leaf, chain, prepared.recordedAt());
        return true;
    }

    /** Takes a checked entry into the recomputed ledger: its leaf, its chain value (the new head) and its time. */
    private void append(byte[] leaf, byte[] chain, Instant recordedAt) {
        leaves.add(leaf);
        chains.add(chain);
        chainHead = chain;
        lastRecordedAt = recordedAt;
    }

    /** False, with the gap named, unless {@code index} (-1: not an integer; {@code text} as written) comes next. */
    private boolean inOrder(long index, String text, int lineNumber) {
        long expected = leaves.size();
        if (index != expected) {
            report.fail(expected, null, "index gap", "line " + lineNumber + " holds index " + text + " where index "
                    + expected + " belongs: index " + expected + " is missing or out of order");
            return false;
        }
        return true;
    }

    /** The chain value after {@code leaf}, or null with the mismatch named when the export states another. */
    private byte[] chained(long index, byte[] leaf, byte[] stated, Supplier<String> statedText) {
        byte[] chain = LedgerHash.chain(chainHead, leaf);
        if (!Arrays.equals(chain, stated)) {
            report.fail(index, null, "chain mismatch", "entry " + index + ": chain value recomputed as "
                    + LedgerHash.hex(chain) + ", the export states " + statedText.get());
            return null;
        }
        return chain;
    }

    private boolean checkpoints(List<JsonNode> lines, String origin) {
        // every signature is checked on the workers at once (Ed25519 dominates this step); the results are read in
        // order below, so the first failure named is the one a sequential run names
        List<Future<Boolean>> signatures = new ArrayList<>();
        for (JsonNode line : lines) {
            SignatureInput input = SignatureInput.of(keys, line);
            Future<Boolean> ahead = input == null ? null : early.get(input);
            if (ahead != null) {
                earlyUsed++;
                signatures.add(ahead);
                continue;
            }
            JsonNode body = line.path("checkpoint");
            PublicKey key = keyFor(keys, body);
            signatures.add(key == null ? null
                    : pool.submit(() -> signatureValid(key, body, line.path("signature").asText())));
        }
        long size = leaves.size();
        long vouched = 0;
        JsonNode previous = null;
        long previousSeq = -1;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            long seq = line.path("seq").asLong(-1);
            JsonNode body = line.path("checkpoint");
            if (seq != previousSeq + 1) {
                report.fail(null, seq, "checkpoint missing", "checkpoint " + seq + " follows checkpoint "
                        + previousSeq + ": checkpoint " + (previousSeq + 1) + " is missing or out of order");
                return false;
            }
            String keyId = body.path("keyId").asText();
            PublicKey key = keyFor(keys, body);
            if (key == null) {
                report.fail(null, seq, "checkpoint signature invalid", "checkpoint " + seq + " is signed with key id '"
                        + keyId + "', for which no public key was given");
                return false;
            }
            if (!await(signatures.get(i))) {
                report.fail(null, seq, "checkpoint signature invalid", "checkpoint " + seq + " (size "
                        + body.path("size").asText() + ", key id '" + keyId + "'): the Ed25519 signature over its "
                        + "canonical body does not verify with the given public key");
                return false;
            }
            if (origin != null && !origin.equals(body.path("origin").asText())) {
                report.fail(null, seq, "checkpoint origin", "checkpoint " + seq + " is for ledger '"
                        + body.path("origin").asText() + "', the export is of '" + origin + "'");
                return false;
            }
            long cpSize = body.path("size").asLong(-1);
            if (previous != null && cpSize < previous.path("size").asLong()) {
                report.fail(null, seq, "checkpoint not consistent", "checkpoint " + seq + " has size " + cpSize
                        + ", smaller than checkpoint " + previousSeq + " (" + previous.path("size").asLong() + ")");
                return false;
            }
            if (cpSize > size) {
                report.fail(size, seq, "ledger truncated", "checkpoint " + seq + " was signed for " + cpSize
                        + " entries but the export holds " + size + ": entries from index " + size + " to "
                        + (cpSize - 1) + " are missing");
                return false;
            }
            byte[] head = cpSize == 0 ? new byte[32] : chains.get((int) cpSize - 1);
            byte[] root = leaves.root(cpSize);
            boolean headOk = Arrays.equals(head, hex(body.path("chainHead").asText()));
            boolean rootOk = Arrays.equals(root, hex(body.path("merkleRoot").asText()));
            if (!headOk || !rootOk) {
                report.fail(vouched, seq, "checkpoint mismatch", "checkpoint " + seq + " (size " + cpSize + ") is "
                        + "validly signed but its " + (headOk ? "" : "chain head" + (rootOk ? "" : " and "))
                        + (rootOk ? "" : "Merkle root") + " differ from the ones recomputed from the entries: an "
                        + "entry from index " + vouched + " (the first one no earlier checkpoint vouches for) to "
                        + (cpSize - 1) + " was changed, inserted or removed, and the hash chain recomputed");
                return false;
            }
            String consistency = "";
            if (previous != null) {
                long from = previous.path("checkpoint").path("size").asLong();
                // a checkpoint smaller than its predecessor has no proof; verifyConsistency then refuses it
                List<byte[]> proof = from <= cpSize ? leaves.consistencyProof(from, cpSize) : List.of();
                if (!MerkleTree.verifyConsistency(from, cpSize, proof, hex(previous.path("checkpoint").path("merkleRoot")
                        .asText()), hex(body.path("merkleRoot").asText()))) {
                    report.fail(from, seq, "checkpoint not consistent", "no RFC 6962 consistency proof leads from "
                            + "checkpoint " + previousSeq + " (size " + from + ") to checkpoint " + seq);
                    return false;
                }
                consistency = "; consistent with checkpoint " + previousSeq + " (RFC 6962 proof of "
                        + proof.size() + " hashes verified)";
            }
            report.ok("checkpoint " + seq + ": size " + cpSize + ", " + body.path("timestamp").asText() + ", key id '"
                    + keyId + "': Ed25519 signature valid, chain head and Merkle root match" + consistency);
            vouched = cpSize;
            previous = line;
            previousSeq = seq;
        }
        if (lines.isEmpty()) {
            report.ok("checkpoints: none in the export, so nothing here is signed");
        }
        return true;
    }

    private void inclusion(JsonNode proof, List<JsonNode> checkpoints) {
        long index = proof.path("index").asLong(-1);
        long size = proof.path("size").asLong(-1);
        if (index < 0 || size <= index || size > leaves.size()) {
            report.fail(index, null, "inclusion proof invalid", "the proof is for index " + index + " in a tree of "
                    + size + " but the export holds " + leaves.size() + " entries");
            return;
        }
        List<byte[]> path = new ArrayList<>();
        proof.path("proof").forEach(hash -> path.add(hex(hash.asText())));
        byte[] leaf = leaves.leaf((int) index);
        if (!Arrays.equals(leaf, hex(proof.path("leaf").asText()))) {
            report.fail(index, null, "inclusion proof invalid", "the proof's leaf is " + proof.path("leaf").asText()
                    + " but entry " + index + " of the export has leaf " + LedgerHash.hex(leaf));
            return;
        }
        byte[] signedRoot = null;
        long signedBy = -1;
        for (JsonNode checkpoint : checkpoints) {
            if (checkpoint.path("checkpoint").path("size").asLong() == size) {
                signedRoot = hex(checkpoint.path("checkpoint").path("merkleRoot").asText());
                signedBy = checkpoint.path("seq").asLong();
            }
        }
        byte[] root = signedRoot != null ? signedRoot : leaves.root(size);
        if (!MerkleTree.verifyInclusion(leaf, index, size, path, root)) {
            report.fail(index, null, "inclusion proof invalid", "the audit path of " + path.size() + " hashes does "
                    + "not lead from entry " + index + " to the Merkle root of size " + size);
            return;
        }
        report.ok("inclusion: entry " + index + " is in the tree of size " + size + " (audit path of " + path.size()
                + " hashes) whose root " + (signedBy >= 0 ? "checkpoint " + signedBy + " signed"
                        : "was recomputed from the export (no checkpoint has that size)"));
    }

    /** The key for a checkpoint body's key id, else the key given without an id, else null. */
    static PublicKey keyFor(Map<String, PublicKey> keys, JsonNode body) {
        String keyId = body.path("keyId").asText();
        return keys.containsKey(keyId) ? keys.get(keyId) : keys.get(ANY_KEY);
    }

    static boolean signatureValid(PublicKey key, JsonNode body, String signatureBase64) {
        try {
            return Ed25519.verify(key, CanonicalJson.write(body), Base64.getDecoder().decode(signatureBase64));
        } catch (Exception e) {
            return false;
        }
    }

    static byte[] hex(String text) {
        try {
            return LedgerHash.fromHex(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

}
