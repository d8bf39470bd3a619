package dev.fwdocs.plugin.output;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.util.List;

/**
 * Where an output hands its files as it renders them (the writer's batch, in a run), so that a run holds one
 * product's files at a time rather than every file of the output.
 */
@FunctionalInterface
public interface FileSink {

    /** Takes some files of the output; called from the thread that called {@link Output#render(OutputContext, FileSink)}. */
    void accept(List<GeneratedFile> files) throws IOException;
}
