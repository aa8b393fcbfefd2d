package io.eer.gateway.domain;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few PostgreSQL wire-protocol (3.0) layouts the gateway reads and writes itself: framing, startup packets,
 * authentication requests, ErrorResponse. Big-endian; a String is UTF-8 bytes and a NUL. Plain Java, no I/O state.
 */
public final class PgMessages {

    public static final int PROTOCOL_3_0 = 196608;
    public static final int SSL_REQUEST = 80877103;
    public static final int GSSENC_REQUEST = 80877104;
    public static final int CANCEL_REQUEST = 80877102;
    /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
    public static final int MAX_STARTUP = 10_000;

    private PgMessages() {
    }

    /** A typed message: {@code type} and its body (without the length word). */
    public record Message(char type, byte[] body) {
    }

    /** A startup-phase packet: its code and what follows it. */
    public record Startup(int code, byte[] rest) {
    }

    /** Reads a startup-phase packet (no type byte); refuses one over {@link #MAX_STARTUP}. */
    public static Startup readStartup(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length = data.readInt();
        if (length < 8 || length > MAX_STARTUP) {
            throw new ProtocolViolation("startup packet of " + length + " bytes");
        }
        int code = data.readInt();
        byte[] rest = new byte[length - 8];
        data.readFully(rest);
        return new Startup(code, rest);
    }

    /** The {@code name\0value\0 ... \0} pairs of a StartupMessage. */
    public static Map<String, String> startupParameters(byte[] rest) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        while (i < rest.length && rest[i] != 0) {
            int nameEnd = indexOf(rest, i);
            int valueEnd = indexOf(rest, nameEnd + 1);
            params.put(new String(rest, i, nameEnd - i, StandardCharsets.UTF_8),
                    new String(rest, nameEnd + 1, valueEnd - nameEnd - 1, StandardCharsets.UTF_8));
            i = valueEnd + 1;
        }
        return params;
    }

    /** A StartupMessage (protocol 3.0) with these parameters. */
    public static byte[] startupMessage(Map<String, String> params) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        params.forEach((name, value) -> {
            writeString(body, name);
            writeString(body, value);
        });
        body.write(0);
        byte[] b = body.toByteArray();
        return ByteBuffer.allocate(8 + b.length).putInt(8 + b.length).putInt(PROTOCOL_3_0).put(b).array();
    }

    public static byte[] sslRequest() {
        return ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST).array();
    }

    /** Reads one typed message whole; refuses one longer than {@code max} bytes. */
    public static Message read(InputStream in, int max) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("peer closed");
        }
        DataInputStream data = new DataInputStream(in);
        int length = data.readInt();
        if (length < 4 || length - 4 > max) {
            throw new ProtocolViolation("message '" + (char) type + "' of " + length + " bytes");
        }
        byte[] body = new byte[length - 4];
        data.readFully(body);
        return new Message((char) type, body);
    }

    public static void write(OutputStream out, char type, byte[] body) throws IOException {
        out.write(frame(type, body));
    }

    public static byte[] frame(char type, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) type).putInt(4 + body.length).put(body).array();
    }

    public static byte[] authRequest(int code, byte[] extra) {
        return ByteBuffer.allocate(4 + extra.length).putInt(code).put(extra).array();
    }

    /** ErrorResponse (or, with {@code 'N'}, NoticeResponse) body: severity, SQLSTATE, message. */
    public static byte[] error(String severity, String sqlState, String message) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('S');
        writeString(body, severity);
        body.write('V');
        writeString(body, severity);
        body.write('C');
        writeString(body, sqlState);
        body.write('M');
        writeString(body, message);
        body.write(0);
        return body.toByteArray();
    }

    /** The fields of an ErrorResponse/NoticeResponse body, by field code. */
    public static Map<Character, String> errorFields(byte[] body) {
        Map<Character, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < body.length && body[i] != 0) {
            char code = (char) body[i];
            int end = indexOf(body, i + 1);
            fields.put(code, new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8));
            i = end + 1;
        }
        return fields;
    }

    /** The first NUL-terminated string at {@code from}. */
    public static String string(byte[] body, int from) {
        int end = indexOf(body, from);
        return new String(body, from, end - from, StandardCharsets.UTF_8);
    }

    /** The index of the NUL that ends the string starting at {@code from}. */
    public static int indexOf(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == 0) {
                return i;
            }
        }
        throw new ProtocolViolation("string without its terminating NUL");
    }

    public static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        out.write(0);
    }

    /** A client or server broke the protocol: the connection is closed. */
    public static final class ProtocolViolation extends RuntimeException {
        public ProtocolViolation(String message) {
            super(message);
        }
    }
}
