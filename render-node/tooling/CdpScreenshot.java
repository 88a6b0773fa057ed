import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Screenshot of a page some seconds after it loaded, through the Chrome DevTools protocol of a
 * headless Chromium started with --remote-debugging-port (Chromium's own --screenshot captures at
 * the load event, before a single-page app such as JobRunr's dashboard has drawn anything).
 * Usage: java CdpScreenshot.java DEBUG_PORT URL WAIT_SECONDS OUT.png   (JDK only, no dependencies)
 */
public class CdpScreenshot {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String url = args[1];
        long waitMs = (long) (Double.parseDouble(args[2]) * 1000);
        Path out = Path.of(args[3]);
        HttpClient http = HttpClient.newHttpClient();
        String list = null;
        for (int i = 0; i < 100 && list == null; i++) {
            try {
                list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        if (list == null) {
            throw new IllegalStateException("Chromium's debugging port " + port + " never answered");
        }
        Matcher page = Pattern.compile("\"type\"\\s*:\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"|"
                + "\"webSocketDebuggerUrl\"\\s*:\\s*\"(ws://[^\"]+/page/[^\"]+)\"").matcher(list);
        if (!page.find()) {
            throw new IllegalStateException("no page target in " + list);
        }
        String ws = page.group(1) != null ? page.group(1) : page.group(2);
        ConcurrentHashMap<Integer, CompletableFuture<String>> replies = new ConcurrentHashMap<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
            final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String msg = text.toString();
                    text.setLength(0);
                    Matcher id = Pattern.compile("^\\{\"id\":(\\d+)").matcher(msg);
                    if (id.find()) {
                        replies.computeIfAbsent(Integer.parseInt(id.group(1)), k -> new CompletableFuture<>()).complete(msg);
                    }
                }
                w.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        call(socket, replies, 1, "Page.enable", "{}");
        call(socket, replies, 2, "Page.navigate", "{\"url\":\"" + url + "\"}");
        Thread.sleep(waitMs);
        String shot = call(socket, replies, 3, "Page.captureScreenshot", "{\"format\":\"png\"}");
        Matcher data = Pattern.compile("\"data\":\"([^\"]+)\"").matcher(shot);
        if (!data.find()) {
            throw new IllegalStateException("no screenshot in the reply: " + shot.substring(0, Math.min(300, shot.length())));
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.write(tmp, Base64.getDecoder().decode(data.group(1)));
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    private static String call(WebSocket socket, ConcurrentHashMap<Integer, CompletableFuture<String>> replies, int id,
            String method, String params) throws Exception {
        CompletableFuture<String> reply = replies.computeIfAbsent(id, k -> new CompletableFuture<>());
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).get(10, TimeUnit.SECONDS);
        return reply.get(60, TimeUnit.SECONDS);
    }
}
