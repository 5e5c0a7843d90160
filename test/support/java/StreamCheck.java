import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Reads a zip from standard input the way streaming consumers do, front to back
 * without the central directory, and prints one line per entry:
 * name TAB size TAB sha256 TAB modification time (Unix seconds, -1 if unknown).
 * Usage: StreamCheck jdk|commons
 */
public class StreamCheck {
  public static void main(String[] args) throws Exception {
    InputStream in = new BufferedInputStream(System.in, 1 << 16);
    byte[] buf = new byte[1 << 16];
    StringBuilder out = new StringBuilder();
    if (args[0].equals("jdk")) {
      try (ZipInputStream zip = new ZipInputStream(in)) {
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
          out.append(line(e.getName(), zip, buf, e.getLastModifiedTime()));
        }
      }
    } else {
      try (ZipArchiveInputStream zip = new ZipArchiveInputStream(in, "UTF-8", true, true)) {
        for (ZipArchiveEntry e; (e = zip.getNextZipEntry()) != null; ) {
          out.append(line(e.getName(), zip, buf, e.getLastModifiedTime()));
        }
      }
    }
    System.out.print(out);
  }

  private static String line(String name, InputStream data, byte[] buf, FileTime time) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    long size = 0;
    for (int n; (n = data.read(buf)) > 0; ) {
      sha.update(buf, 0, n);
      size += n;
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : sha.digest()) hex.append(String.format("%02x", b));
    long seconds = time == null ? -1 : time.toMillis() / 1000;
    return name + "\t" + size + "\t" + hex + "\t" + seconds + "\n";
  }
}
