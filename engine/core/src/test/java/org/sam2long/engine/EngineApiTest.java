package org.sam2long.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.internal.model.LoadedModel;
import org.sam2long.engine.track.TrackingSession;

/**
 * The engine's API/internal split (docs/architecture.md, "Engine API"). The API is every public type
 * of engine-core outside org.sam2long.engine.internal; its types and their public and protected
 * members are pinned by the reviewed list docs/engine-api.txt, and none of those members may mention
 * an internal type. The list is read from the compiled classes by reflection, so it cannot drift
 * from the code.
 */
class EngineApiTest {
    private static final String INTERNAL = "org.sam2long.engine.internal.";
    private static final String GOLDEN = "docs/engine-api.txt";
    private static final String UPDATE = "engine.api.update";

    private static Path coreClasses() throws URISyntaxException {
        return Path.of(TrackingSession.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Every class of engine-core, nested ones included, loaded without initialising it. */
    private static List<Class<?>> coreTypes() throws Exception {
        Path root = coreClasses();
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (!name.endsWith("package-info")) {
                    out.add(Class.forName(name, false, EngineApiTest.class.getClassLoader()));
                }
            }
        }
        return out;
    }

    /** Public, and so is every class around it. */
    private static boolean visible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    /** The API types: visible and outside the internal packages. */
    private static List<Class<?>> apiTypes() throws Exception {
        return coreTypes().stream().filter(c -> visible(c) && !c.getName().startsWith(INTERNAL)).toList();
    }

    private static boolean exposed(Member m) {
        return (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) && !m.isSynthetic()
                && !(m instanceof Method method && method.isBridge());
    }

    /** What a caller can see of one type: its declaration and its public and protected members. */
    private static List<String> surface(Class<?> c) {
        List<String> lines = new ArrayList<>();
        String kind = c.isRecord() ? "record" : c.isEnum() ? "enum" : c.isAnnotation() ? "@interface"
                : c.isInterface() ? "interface" : "class";
        StringBuilder head = new StringBuilder(Modifier.toString(c.getModifiers() & ~Modifier.INTERFACE & ~Modifier.ABSTRACT
                & ~Modifier.STATIC)).append(' ').append(kind).append(' ').append(c.getName());
        if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && c.getSuperclass() != Record.class
                && c.getSuperclass() != Enum.class) {
            head.append(" extends ").append(c.getGenericSuperclass().getTypeName());
        }
        for (var i : c.getGenericInterfaces()) {
            head.append(c.isInterface() ? " extends " : " implements ").append(i.getTypeName());
        }
        lines.add(head.toString().strip());
        TreeSet<String> members = new TreeSet<>();
        String own = " " + c.getTypeName() + ".";
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (exposed(k)) {
                members.add("  " + k.toGenericString());
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (exposed(m)) {
                members.add("  " + m.toGenericString().replace(own, " "));
            }
        }
        for (Field f : c.getDeclaredFields()) {
            if (exposed(f)) {
                members.add("  " + f.toGenericString().replace(own, " "));
            }
        }
        lines.addAll(members);
        return lines;
    }

    private static Path golden() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("docs"))) {
                return d.resolve(GOLDEN);
            }
        }
        throw new IllegalStateException("no project root (a folder with mvnw and docs/) above " + Path.of("").toAbsolutePath());
    }

    @Test
    void apiTypesAndMembersEqualTheReviewedList() throws Exception {
        List<String> now = new ArrayList<>();
        now.add("# engine-core API: public types outside org.sam2long.engine.internal and their public/protected members.");
        now.add("# Generated by EngineApiTest; review every change. Regenerate with:");
        now.add("#   ./mvnw -B -q -pl engine/core -am -Dtest=EngineApiTest -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE + "=true test");
        for (Class<?> c : apiTypes()) {
            now.addAll(surface(c));
        }
        Path file = golden();
        if (Boolean.getBoolean(UPDATE)) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, now, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        assertTrue(Files.isRegularFile(file), file + " is missing: generate it with -D" + UPDATE + "=true (see its header)");
        List<String> was = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(String.join("\n", was), String.join("\n", now),
                "the engine's public API changed: if that is intended, regenerate " + GOLDEN + " with ./mvnw -B -q -pl engine/core -am "
                        + "-Dtest=EngineApiTest -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE + "=true test, review and commit "
                        + "the diff; if not, make the new type or member package-private or move it to org.sam2long.engine.internal");
    }

    /** The public and protected signatures of one type that mention an internal type. */
    private static List<String> leaksOf(Class<?> c) {
        List<String> leaks = new ArrayList<>();
        if (c.getGenericSuperclass() != null && c.getGenericSuperclass().getTypeName().contains(INTERNAL)) {
            leaks.add(c.getName() + " extends " + c.getGenericSuperclass().getTypeName());
        }
        for (var i : c.getGenericInterfaces()) {
            if (i.getTypeName().contains(INTERNAL)) {
                leaks.add(c.getName() + " implements " + i.getTypeName());
            }
        }
        List<Member> members = new ArrayList<>();
        members.addAll(List.of(c.getDeclaredConstructors()));
        members.addAll(List.of(c.getDeclaredMethods()));
        members.addAll(List.of(c.getDeclaredFields()));
        for (Member m : members) {
            String sig = m instanceof Executable e ? e.toGenericString() : ((Field) m).toGenericString();
            if (exposed(m) && sig.contains(INTERNAL)) {
                leaks.add(c.getName() + ": " + sig);
            }
        }
        return leaks;
    }

    @Test
    void noApiMemberMentionsAnInternalType() throws Exception {
        List<Class<?>> api = apiTypes();
        assertTrue(api.size() >= 30, "found only " + api.size() + " API types");
        List<String> leaks = new ArrayList<>();
        api.forEach(c -> leaks.addAll(leaksOf(c)));
        assertEquals(List.of(), leaks, "API members that hand out or take engine-internal types");
    }

    /** A planted API-shaped class: the check must see internal types inside generics and throws clauses. */
    public static class Planted {
        public List<LoadedModel> graphs() { return List.of(); }
        protected void take(java.util.Map<String, ? extends LoadedModel> m) {}
        void hidden(LoadedModel m) {}
    }

    @Test
    void theLeakCheckSeesInternalTypesInGenericSignatures() {
        List<String> leaks = leaksOf(Planted.class);
        assertEquals(2, leaks.size(), leaks.toString());
        assertTrue(leaks.stream().allMatch(l -> l.contains(INTERNAL + "model.LoadedModel")), leaks.toString());
    }
}
