package dev.fwdocs.plugin.rules;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.util.List;

/**
 * A plan whose one file is its backend's script: the common part ({@link ShellScript}) around the body that the
 * plan prints from itself.
 */
public interface ScriptPlan extends RolePlan {

    /** What the common part of the script says: backend, role, help paragraphs, options. */
    ShellScript.Spec spec();

    /** The backend's part of the script: data written through the one writer, and its shell resources. */
    String body();

    @Override
    default List<GeneratedFile> files() {
        return List.of(GeneratedFile.script(ShellScript.fileName(spec().backendId()),
                ShellScript.script(spec(), body())));
    }
}
