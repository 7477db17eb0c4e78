package dev.kaiwa.incontainer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.bytebuddy.ByteBuddy;
import org.assertj.core.api.Assertions;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archives the in-container tests deploy: the EAR's core module with the EAR's libraries (unpacked
 * by the build into {@code kaiwa.in-container.ear-dir}), so the test runs on exactly the jars production
 * runs on, plus the test class, its helpers and AssertJ. The core module brings its own
 * persistence.xml (unit {@code kaiwa} on {@code jdbc/kaiwa}) and beans.xml.
 */
final class Deployments {
    static final String EAR_DIR_PROPERTY = "kaiwa.in-container.ear-dir";
    private static final String CORE_MODULE = "kaiwa-ejb.jar";

    private Deployments() {
    }

    static WebArchive core(Class<?> testClass) {
        Path ear = Path.of(System.getProperty(EAR_DIR_PROPERTY, "target/in-container/ear"));
        Path coreModule = ear.resolve(CORE_MODULE);
        if (!Files.isRegularFile(coreModule)) {
            throw new IllegalStateException(coreModule + " is missing: the build unpacks the EAR there before the "
                    + "integration tests (profile in-container-tests)");
        }
        return ShrinkWrap.create(WebArchive.class, testClass.getSimpleName() + ".war")
                .addAsLibrary(withoutManifest(coreModule))
                .addAsLibraries(jarsIn(ear.resolve("lib")))
                .addAsLibraries(jarOf(Assertions.class), jarOf(ByteBuddy.class))
                .addClasses(testClass, Database.class, Fixtures.class, Refused.class, Eventually.class)
                // empty: bean discovery "annotated", like the core module
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /** The EAR's manifest Class-Path points into the EAR's lib/; in WEB-INF/lib it only draws warnings. */
    private static JavaArchive withoutManifest(Path jar) {
        JavaArchive archive = ShrinkWrap.createFromZipFile(JavaArchive.class, jar.toFile());
        archive.delete("META-INF/MANIFEST.MF");
        return archive;
    }

    private static File[] jarsIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .map(Path::toFile)
                    .toArray(File[]::new);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** The jar on the test class path that holds {@code type}. */
    private static File jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
        }
    }
}
