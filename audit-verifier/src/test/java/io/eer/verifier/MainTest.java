package io.eer.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: what it prints and its exit status. */
class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String pem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void validExport_exitsZero_andSaysWhatItChecked() throws Exception {
        KeyPair key = ExportBuilder.keyPair();
        ExportBuilder export = new ExportBuilder().add("r-1", "x").add("r-1", "y").checkpoint(2, key.getPrivate(), "k1");
        int status = run("--export", write("export.ndjson", export.ndjson()).toString(),
                "--public-key", write("k1.pub.pem", pem(key)).toString(), "--key-id", "k1");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed + err).isEqualTo(Main.VALID);
        assertThat(printed).contains("ok   entries: index 0..1 (2)").contains("ok   checkpoint 0: size 2")
                .endsWith("VALID\n");
    }

    @Test
    void tamperedExport_exitsOne_andNamesTheIndex() throws Exception {
        KeyPair key = ExportBuilder.keyPair();
        ExportBuilder export = new ExportBuilder().add("r-1", "x").add("r-1", "y").checkpoint(2, key.getPrivate(), "k1");
        String tampered = export.ndjson().replace("\"justification\":\"y\"", "\"justification\":\"z\"");
        int status = run("--export", write("export.ndjson", tampered).toString(),
                "--public-key", write("k1.pub.pem", pem(key)).toString());
        assertThat(status).isEqualTo(Main.INVALID);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("INVALID: leaf mismatch at index 1:");
    }

    @Test
    void missingArguments_exitTwo() throws Exception {
        assertThat(run("--export", "nowhere.ndjson")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--public-key are required");
        assertThat(run("--export", dir.resolve("missing").toString(), "--public-key",
                write("bad.pem", "not a key").toString())).isEqualTo(Main.USAGE);
    }
}
