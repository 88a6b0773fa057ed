package org.sam2long.rendernode.farm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jobrunr.dashboard.JobRunrApiHandler;
import org.jobrunr.dashboard.JobRunrSseHandler;
import org.jobrunr.dashboard.JobRunrStaticFileHandler;
import org.jobrunr.dashboard.server.HttpExchangeHandler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.sam2long.rendernode.cli.ExitCodes;
import org.sam2long.rendernode.input.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sam2long farm dashboard}: JobRunr's dashboard (its own pages, API and live updates) for the
 * farm's queue, with per-job progress (frames done of total). JobRunr's own web server listens on
 * every interface; this one serves the same handlers on the address {@code --bind} names, the
 * loopback address unless told otherwise.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serve JobRunr's dashboard for the queue: jobs, their state and progress, failures with their"
                + " reason, workers. Listens on 127.0.0.1 unless --bind says otherwise; runs until stopped (Ctrl-C)."})
public final class FarmDashboard extends FarmDbCommand implements Callable<Integer> {
    @Option(names = "--port", description = "The port (default 8000).")
    int port = 8000;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "The address to listen on (default 127.0.0.1; 0.0.0.0 for every interface: anyone who reaches it can cancel and requeue jobs).")
    String bind = "127.0.0.1";



    /** A running dashboard. */
    public static final class Server implements AutoCloseable {
        private final HttpServer http;
        private final ExecutorService threads;
        private final List<HttpExchangeHandler> handlers;

        private Server(HttpServer http, ExecutorService threads, List<HttpExchangeHandler> handlers) {
            this.http = http;
            this.threads = threads;
            this.handlers = handlers;
        }

        /** The address it listens on, e.g. http://127.0.0.1:8000/dashboard. */
        public String url() {
            InetSocketAddress a = http.getAddress();
            String host = a.getAddress().getHostAddress();
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/dashboard";
        }

        @Override
        public void close() {
            http.stop(0);
            for (HttpExchangeHandler h : handlers) {
                try {
                    h.close();
                } catch (Exception ignored) {
                    // stopping anyway
                }
            }
            threads.shutdownNow();
        }
    }

    /** Starts JobRunr's dashboard handlers on {@code bind:port} (port 0: any free port). */
    public static Server start(StorageProvider storage, String bind, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new BadInputException("--bind " + bind + " is not an address of this machine");
        }
        if (port < 0 || port > 65535) {
            throw new BadInputException("--port must be 0..65535, got " + port);
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (IOException e) {
            throw new BadInputException("the dashboard cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "); choose another --port or --bind");
        }
        JacksonJsonMapper json = new JacksonJsonMapper();
        List<HttpExchangeHandler> handlers = List.of(new JobRunrStaticFileHandler(), new JobRunrApiHandler(storage, json, false),
                new JobRunrSseHandler(storage, json));
        for (HttpExchangeHandler h : handlers) {
            http.createContext(h.getContextPath(), h);
        }
        http.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "/dashboard/overview");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sam2long-dashboard");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        http.start();
        return new Server(http, threads, handlers);
    }

    @Override
    public Integer call() throws Exception {
        try (FarmQueue queue = openQueue(); Server server = start(queue.storage(), bind, port)) {
            System.out.println("dashboard of " + database().describe() + " at " + server.url() + " (Ctrl-C stops it)");
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sam2long-dashboard-stop"));
            Thread.currentThread().join();
        }
        return ExitCodes.OK;
    }
}
