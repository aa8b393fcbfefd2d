package io.eer.grant.infra.out.connector;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A generated secret. Never printed ({@link #toString()} is redacted); wipe it once it has been stored. */
public final class Secret {

    private final char[] value;

    public Secret(char[] value) {
        this.value = value.clone();
    }

    public char[] chars() {
        return value.clone();
    }

    public byte[] utf8() {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    public void wipe() {
        Arrays.fill(value, '\0');
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
