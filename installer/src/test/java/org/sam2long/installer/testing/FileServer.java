package org.sam2long.installer.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The JDK's HTTP server on 127.0.0.1 (a free port) serving byte arrays by path, with HTTP Range
 * support. A path can be told to cut the connection after some bytes, a given number of times.
 */
public final class FileServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, long[]> cuts = new ConcurrentHashMap<>();
    public final List<String> requests = new CopyOnWriteArrayList<>();

    public FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void put(String path, byte[] bytes) {
        files.put(path, bytes);
    }

    /** The next {@code times} responses for {@code path} stop after {@code afterBytes} body bytes. */
    public void cut(String path, long afterBytes, int times) {
        cuts.put(path, new long[] {afterBytes, times});
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(path + (range != null ? " " + range : ""));
        byte[] body = files.get(path);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        int from = 0;
        int status = 200;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Integer.parseInt(range.substring(6, range.length() - 1));
            if (from >= body.length) {
                ex.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                ex.sendResponseHeaders(416, -1);
                ex.close();
                return;
            }
            status = 206;
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        int length = body.length - from;
        ex.sendResponseHeaders(status, length);
        long[] cut = cuts.get(path);
        OutputStream out = ex.getResponseBody();
        if (cut != null && cut[1] > 0) {
            cut[1]--;
            int n = (int) Math.min(length, cut[0]);
            out.write(body, from, n);
            out.flush();
            // drop the connection mid-body: a handler that throws makes the server close the socket,
            // so the client sees fewer bytes than Content-Length followed by end of stream
            throw new IOException("test cut after " + n + " bytes");
        }
        out.write(body, from, length);
        out.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
