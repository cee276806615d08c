package dev.quarry.springai.autoconfigure;

import dev.quarry.engine.QuarryConfig;
import dev.quarry.index.VectorEncoding;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code spring.ai.vectorstore.quarry.*}: where the collection lives and how it is created.
 *
 * <pre>
 * spring.ai.vectorstore.quarry.path=/var/lib/myapp/rag-index
 * spring.ai.vectorstore.quarry.model=all-minilm-l6-v2
 * spring.ai.vectorstore.quarry.encoding=int8
 * </pre>
 */
@ConfigurationProperties(prefix = QuarryVectorStoreProperties.PREFIX)
public class QuarryVectorStoreProperties {
  public static final String PREFIX = "spring.ai.vectorstore.quarry";

  /** The collection folder; opened, or created when it holds none. Required. */
  private Path path;

  /** A built-in model name or a model directory; used on creation, checked on reopening. */
  private String model = QuarryConfig.DEFAULTS.model();

  /** How vectors are held in the index (float32, int8, int4, binary); used on creation. */
  private VectorEncoding encoding = QuarryConfig.DEFAULTS.encoding();

  public Path getPath() {
    return path;
  }

  public void setPath(Path path) {
    this.path = path;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public VectorEncoding getEncoding() {
    return encoding;
  }

  public void setEncoding(VectorEncoding encoding) {
    this.encoding = encoding;
  }
}
