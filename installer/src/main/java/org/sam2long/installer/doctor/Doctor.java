package org.sam2long.installer.doctor;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sam2long.installer.install.InstallLayout;
import org.sam2long.installer.models.ModelStore;
import org.sam2long.installer.util.InstallerEnvironment;

/**
 * What a support engineer needs to know about a machine, one line per check. {@link Status#FAIL}
 * means something needed is missing or broken (the command exits 1); {@link Status#WARN} is worth
 * knowing but does not stop work (no GPU on a CPU build, plug-in not installed on a render node).
 */
public final class Doctor {
    public enum Status { OK, WARN, FAIL }

    public record Check(Status status, String name, String detail) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "[%-4s] %-12s %s", status, name, detail);
        }
    }

    /** The shared libraries ONNX Runtime's CUDA provider (CUDA 12, cuDNN 9) loads. */
    public static final List<String> CUDA_LIBRARIES = List.of("libcudart.so.12", "libcublas.so.12", "libcublasLt.so.12",
            "libcufft.so.11", "libcurand.so.10", "libcudnn.so.9");

    private final InstallerEnvironment env;
    private final Path modelsRoot;
    private final List<Path> ofxSystemDirs;
    private final List<Path> libDirs;
    private final String farmDb;

    public Doctor(InstallerEnvironment env, Path modelsRoot, List<Path> ofxSystemDirs, List<Path> libDirs, String farmDb) {
        this.env = env;
        this.modelsRoot = modelsRoot;
        this.ofxSystemDirs = ofxSystemDirs;
        this.libDirs = libDirs;
        this.farmDb = farmDb;
    }

    /** The library folders the dynamic loader searches: LD_LIBRARY_PATH, the CUDA defaults, the system's and ldconfig's. */
    public static List<Path> defaultLibDirs(InstallerEnvironment env) {
        Set<Path> dirs = new LinkedHashSet<>();
        String ld = env.get("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        for (String d : List.of("/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib", "/usr/lib/x86_64-linux-gnu",
                "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")) {
            dirs.add(Path.of(d));
        }
        String out = run(List.of("ldconfig", "-p"), 10);
        if (out == null) {
            out = run(List.of("/sbin/ldconfig", "-p"), 10);
        }
        if (out != null) {
            Matcher m = Pattern.compile("=>\\s*(\\S+)").matcher(out);
            while (m.find()) {
                Path p = Path.of(m.group(1)).getParent();
                if (p != null) {
                    dirs.add(p);
                }
            }
        }
        return new ArrayList<>(dirs);
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(os());
        checks.add(java());
        EnumSet<OrtProvider> providers = EnumSet.noneOf(OrtProvider.class);
        checks.add(onnxRuntime(providers));
        boolean cudaBuild = providers.contains(OrtProvider.CUDA);
        checks.add(cudaLibraries(cudaBuild));
        checks.add(gpu(cudaBuild));
        checks.addAll(plugin());
        checks.addAll(models());
        checks.add(farm());
        return checks;
    }

    Check os() {
        String pretty = null;
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    pretty = line.substring(12).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // not every system has it
        }
        return new Check(Status.OK, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + (pretty != null ? " (" + pretty + ")" : "") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
    }

    Check java() {
        String home = System.getProperty("java.home");
        String release = System.getProperty("sam2long.home");
        boolean privateRuntime = false;
        if (release != null) {
            try {
                privateRuntime = Path.of(home).toRealPath().startsWith(Path.of(release, "runtime").toRealPath());
            } catch (IOException e) {
                privateRuntime = false;
            }
        }
        int feature = Runtime.version().feature();
        return new Check(feature >= 17 ? Status.OK : Status.FAIL, "java", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ") at " + home
                + (privateRuntime ? ", the release's private runtime" : "") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
    }

    Check onnxRuntime(EnumSet<OrtProvider> providers) {
        try {
            OrtEnvironment ort = OrtEnvironment.getEnvironment();
            providers.addAll(OrtEnvironment.getAvailableProviders());
            boolean gpuJar = OrtEnvironment.class.getClassLoader().getResource("ai/onnxruntime/native/linux-x64/libonnxruntime_providers_cuda.so") != null;
            return new Check(Status.OK, "onnxruntime", ort.getVersion() + " (" + (gpuJar ? "GPU build, onnxruntime_gpu" : "CPU build")
                    + "), providers " + providers);
        } catch (Throwable t) {
            return new Check(Status.FAIL, "onnxruntime", "cannot load ONNX Runtime: " + t.getClass().getSimpleName() + ": " + t.getMessage());
        }
    }

    Check cudaLibraries(boolean needed) {
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String lib : CUDA_LIBRARIES) {
            Path at = find(lib);
            if (at != null) {
                found.add(at.toString());
            } else {
                missing.add(lib);
            }
        }
        String detail = (found.isEmpty() ? "none found" : "found " + String.join(", ", found))
                + (missing.isEmpty() ? "" : "; missing " + String.join(", ", missing));
        if (!needed) {
            return new Check(Status.OK, "cuda", "not needed by this CPU build of ONNX Runtime (the -Pcuda build uses CUDA 12 + cuDNN 9); " + detail);
        }
        if (!missing.isEmpty()) {
            return new Check(Status.FAIL, "cuda", "the CUDA provider needs CUDA 12 and cuDNN 9: " + detail
                    + " (install them or add their folder to LD_LIBRARY_PATH; until then models run on the CPU)");
        }
        return new Check(Status.OK, "cuda", detail);
    }

    private Path find(String lib) {
        for (Path d : libDirs) {
            Path p = d.resolve(lib);
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    Check gpu(boolean cudaBuild) {
        Path smi = onPath("nvidia-smi");
        if (smi == null) {
            return new Check(cudaBuild ? Status.WARN : Status.OK, "gpu", "nvidia-smi not found: no NVIDIA driver visible"
                    + (cudaBuild ? ", models will run on the CPU" : " (this build runs on the CPU anyway)"));
        }
        String out = run(List.of(smi.toString(), "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader"), 15);
        if (out == null || out.isBlank()) {
            return new Check(Status.WARN, "gpu", smi + " is present but reported no GPU (driver not loaded?)");
        }
        List<String> gpus = out.lines().map(String::trim).filter(l -> !l.isEmpty()).map(l -> {
            String[] f = l.split(",\\s*");
            return f.length >= 3 ? f[0] + " (" + f[1] + ", driver " + f[2] + ")" : l;
        }).toList();
        return new Check(Status.OK, "gpu", String.join("; ", gpus));
    }

    private Path onPath(String exe) {
        String path = env.get("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(":")) {
            if (!d.isBlank() && Files.isExecutable(Path.of(d, exe))) {
                return Path.of(d, exe);
            }
        }
        return null;
    }

    List<Check> plugin() {
        List<Path> dirs = new ArrayList<>();
        String ofx = env.get("OFX_PLUGIN_PATH");
        if (ofx != null) {
            for (String d : ofx.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        dirs.addAll(ofxSystemDirs);
        List<Check> out = new ArrayList<>();
        for (Path d : dirs) {
            Path bundle = d.resolve(InstallLayout.BUNDLE);
            if (!Files.isDirectory(bundle)) {
                continue;
            }
            out.add(checkBundle(bundle));
        }
        if (out.isEmpty()) {
            out.add(new Check(Status.WARN, "plug-in", InstallLayout.BUNDLE + " is not in any folder hosts search ("
                    + String.join(", ", dirs.stream().map(Path::toString).toList())
                    + "); install it with `sam2long install` (not needed on a render node)"));
        }
        return out;
    }

    private Check checkBundle(Path bundle) {
        Path shim = bundle.resolve("Contents/Linux-x86-64/SAM2LongRoto.ofx");
        if (!Files.isRegularFile(shim)) {
            return new Check(Status.FAIL, "plug-in", bundle + " is incomplete: " + shim + " is missing");
        }
        Path res = bundle.resolve("Contents/Resources");
        Path cfg = res.resolve("jvm.cfg");
        List<String> tried = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
                String l = line.trim();
                if (!l.startsWith("runtime=")) {
                    continue;
                }
                Path rt = res.resolve(l.substring(8).trim());
                if (Files.isRegularFile(rt.resolve("lib/server/libjvm.so"))) {
                    String jars;
                    try (var s = Files.list(res.resolve("lib"))) {
                        jars = s.count() + " jars";
                    }
                    return new Check(Status.OK, "plug-in", bundle + " (Java runtime " + rt.normalize() + ", " + jars + ")");
                }
                tried.add(rt.normalize().toString());
            }
        } catch (IOException e) {
            return new Check(Status.FAIL, "plug-in", bundle + " cannot be read: " + cfg + " or its lib/ (" + e.getMessage() + ")");
        }
        return new Check(Status.FAIL, "plug-in", bundle + " has no usable Java runtime: none of " + tried
                + " (from " + cfg + ") holds lib/server/libjvm.so; hosts will fail to load it, reinstall with `sam2long install`");
    }

    List<Check> models() {
        ModelStore store = new ModelStore(modelsRoot);
        List<String> installed = store.installed();
        if (installed.isEmpty()) {
            return List.of(new Check(Status.WARN, "models", "only the bundled demo model (sam2long-demo, not SAM 2) is available; "
                    + "nothing in " + store.root() + " (see `sam2long models list`)"));
        }
        ModelStore.VerifyResult r = store.verify(installed, false);
        List<Check> out = new ArrayList<>();
        for (String line : r.lines()) {
            boolean ok = line.startsWith("OK");
            out.add(new Check(ok ? Status.OK : Status.FAIL, "models", line.substring(8) + (ok ? " (" + store.root().resolve(line.substring(8)) + ", checksums match)" : "")));
        }
        return out;
    }

    Check farm() {
        if (farmDb == null) {
            return new Check(Status.OK, "farm", "no farm database configured (--db, SAM2LONG_DB or the config's farmDb; not needed outside a farm)");
        }
        URI uri;
        try {
            uri = URI.create(farmDb.startsWith("jdbc:") ? farmDb.substring(5) : farmDb);
        } catch (IllegalArgumentException e) {
            return new Check(Status.FAIL, "farm", "the farm database URL '" + farmDb + "' is not a URL");
        }
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : defaultPort(uri.getScheme());
        if (host == null || port <= 0) {
            return new Check(Status.FAIL, "farm", "the farm database URL '" + farmDb + "' names no host and port (e.g. jdbc:postgresql://farmdb:5432/sam2long)");
        }
        try (Socket s = new Socket()) {
            long t0 = System.nanoTime();
            s.connect(new InetSocketAddress(host, port), 3000);
            return new Check(Status.OK, "farm", "database " + host + ":" + port + " reachable ("
                    + (System.nanoTime() - t0) / 1_000_000 + " ms to connect)");
        } catch (IOException e) {
            return new Check(Status.FAIL, "farm", "database " + host + ":" + port + " is unreachable (" + e.getMessage() + ")");
        }
    }

    private static int defaultPort(String scheme) {
        if (scheme == null) {
            return -1;
        }
        return switch (scheme) {
            case "postgresql", "postgres" -> 5432;
            case "mysql", "mariadb" -> 3306;
            default -> -1;
        };
    }

    /** Runs a small command; its standard output, or null when it cannot run or fails. */
    static String run(List<String> cmd, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
