package dev.fwdocs.plugin.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Runs the {@link Isolated} test classes (those that change JVM-wide defaults such as the time zone or the locale)
 * after all others, in the order given otherwise. An isolated class waits until every class running beside it has
 * ended; placed last it waits once, at the end, instead of holding back the sequence of the other classes while the
 * namespace proofs, which run beside that sequence, finish (junit-platform.properties).
 */
public final class IsolatedLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor d) -> d.isAnnotated(Isolated.class)));
    }
}
