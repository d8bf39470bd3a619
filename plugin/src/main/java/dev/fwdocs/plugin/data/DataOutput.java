package dev.fwdocs.plugin.data;

import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.ScriptResources;
import java.util.ArrayList;
import java.util.List;

/**
 * The data export: per product version the resolved catalog as JSON ({@value #JSON}, described by the shipped
 * JSON Schema {@value #SCHEMA}, written once) and its flows as CSV ({@value #CSV}), plus the same two files under
 * {@code latest} for the newest version.
 */
public final class DataOutput implements Output {

    /** The file name of the JSON Schema, written once at the root of the data folder. */
    public static final String SCHEMA = "fwdocs-data.schema.json";

    /** The schema's text, read once: the data output and every bundle carry it. */
    public static final String SCHEMA_TEXT = ScriptResources.text(DataOutput.class, SCHEMA);

    /** The file name of a version's resolved catalog. */
    public static final String JSON = "catalog.json";

    /** The file name of a version's flows. */
    public static final String CSV = "flows.csv";

    @Override
    public String id() {
        return "data";
    }

    @Override
    public String description() {
        return "the resolved catalog per product version as JSON (with its JSON Schema) and its flows as CSV";
    }

    @Override
    public List<GeneratedFile> render(OutputContext context) {
        Layout layout = context.layout();
        String schema = layout.dataRoot() + "/" + SCHEMA;
        List<GeneratedFile> files = new ArrayList<>();
        files.add(GeneratedFile.text(schema, SCHEMA_TEXT));
        for (ProductModel product : context.model().products()) {
            for (VersionModel v : product.versions()) {
                List<String> folders = new ArrayList<>(List.of(v.version()));
                if (v == product.latest()) {
                    folders.add(Layout.LATEST);
                }
                String csv = Flows.csv(Flows.of(v));
                for (String folder : folders) {
                    String dir = layout.dataDir(product.id(), folder);
                    files.add(GeneratedFile.text(dir + "/" + JSON,
                            VersionData.json(VersionData.of(product, v, relative(dir, schema)))));
                    files.add(GeneratedFile.text(dir + "/" + CSV, csv));
                }
            }
        }
        return files;
    }

    /** The path of {@code file} seen from the folder {@code dir}, both relative to the output folder. */
    static String relative(String dir, String file) {
        String[] from = dir.split("/");
        String[] to = file.split("/");
        int common = 0;
        while (common < from.length && common < to.length - 1 && from[common].equals(to[common])) {
            common++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < from.length; i++) {
            sb.append("../");
        }
        for (int i = common; i < to.length; i++) {
            sb.append(to[i]).append(i < to.length - 1 ? "/" : "");
        }
        return sb.toString();
    }
}
