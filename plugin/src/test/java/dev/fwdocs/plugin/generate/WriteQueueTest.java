package dev.fwdocs.plugin.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteQueueTest {

    @Test
    void writesRunInTheOrderHandedOverAndAreAllDoneAfterFinish() throws Exception {
        List<Integer> done = new ArrayList<>();
        try (WriteQueue q = new WriteQueue()) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                // Parts larger than the bound too: the queue waits for room instead of holding them all.
                List<GeneratedFile> part = List.of(new GeneratedFile("f" + n, new byte[n % 50 == 0 ? 70 << 20 : 10],
                        false));
                q.submit(part, () -> done.add(n));
            }
            q.finish();
            assertEquals(200, done.size());
            for (int i = 0; i < 200; i++) {
                assertEquals(i, done.get(i));
            }
        }
    }

    @Test
    void aFailedWriteFailsTheRunAndSkipsTheWritesAfterIt() throws Exception {
        IOException boom = new IOException("disk full");
        List<Integer> done = new ArrayList<>();
        try (WriteQueue q = new WriteQueue()) {
            q.submit(List.of(), () -> done.add(0));
            q.submit(List.of(), () -> {
                throw boom;
            });
            IOException thrown = assertThrows(IOException.class, () -> {
                for (int i = 2; i < 1000; i++) {
                    int n = i;
                    q.submit(List.of(), () -> done.add(n));
                }
                q.finish();
            });
            assertSame(boom, thrown);
        }
        assertEquals(List.of(0), done.subList(0, 1));
        assertEquals(1, done.size(), "no write after the failed one ran: " + done);
    }
}
