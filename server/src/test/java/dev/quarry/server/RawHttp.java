package dev.quarry.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand, for the requests a well-behaved client cannot send: a body shorter than
 * its Content-Length, a raw path that no URI class accepts.
 */
final class RawHttp {
  /** The status and body of the answer; status 0 when the server closed without answering. */
  record Answer(int status, String body) {}

  private RawHttp() {}

  static Answer send(
      int port, String requestLine, String headers, byte[] body, boolean shutOutput) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          (requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      if (shutOutput) {
        s.shutdownOutput();
      }
      return parse(s.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return new Answer(0, "");
    }
    int status = Integer.parseInt(text.substring(9, 12));
    int split = text.indexOf("\r\n\r\n");
    String head = text.substring(0, split);
    String body = text.substring(split + 4);
    if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
      body = unchunk(body);
    }
    return new Answer(status, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder sb = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int eol = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
      if (size == 0) {
        break;
      }
      sb.append(chunked, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
    return sb.toString();
  }
}
