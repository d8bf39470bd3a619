package dev.fwdocs.plugin.generate;

import java.io.ByteArrayOutputStream;

/** CRLF to LF, for files that git's autocrlf checked out with Windows line endings; fwdocs only writes LF. */
final class LineEndings {

    private LineEndings() {
    }

    /** The bytes with every CR that comes right before an LF removed; the same array when there is none. */
    static byte[] lf(byte[] bytes) {
        int i = 0;
        while (i + 1 < bytes.length && !(bytes[i] == '\r' && bytes[i + 1] == '\n')) {
            i++;
        }
        if (i + 1 >= bytes.length) {
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int j = 0; j < bytes.length; j++) {
            if (!(bytes[j] == '\r' && j + 1 < bytes.length && bytes[j + 1] == '\n')) {
                out.write(bytes[j]);
            }
        }
        return out.toByteArray();
    }
}
