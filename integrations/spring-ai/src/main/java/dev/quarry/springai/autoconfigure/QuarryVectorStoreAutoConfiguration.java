package dev.quarry.springai.autoconfigure;

import dev.quarry.core.QuarryException;
import dev.quarry.springai.QuarryVectorStore;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.vectorstore.SpringAIVectorStoreTypes;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A {@link QuarryVectorStore} bean when {@code spring.ai.vectorstore.quarry.path} is set and {@code
 * spring.ai.vectorstore.type} is {@code quarry} or unset, unless the application defines its own
 * {@link VectorStore}. The context closes the store (and commits the collection) on shutdown. No
 * {@code EmbeddingModel} bean is published: the store embeds with its collection's model, so
 * another starter's model bean is left alone.
 */
@AutoConfiguration
@ConditionalOnClass({QuarryVectorStore.class, VectorStore.class})
@ConditionalOnProperty(
    name = SpringAIVectorStoreTypes.TYPE,
    havingValue = QuarryVectorStoreAutoConfiguration.TYPE,
    matchIfMissing = true)
@ConditionalOnProperty(prefix = QuarryVectorStoreProperties.PREFIX, name = "path")
@EnableConfigurationProperties(QuarryVectorStoreProperties.class)
public class QuarryVectorStoreAutoConfiguration {
  /** The value of {@code spring.ai.vectorstore.type} that selects Quarry. */
  public static final String TYPE = "quarry";

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(VectorStore.class)
  public QuarryVectorStore quarryVectorStore(
      QuarryVectorStoreProperties properties,
      ObjectProvider<ObservationRegistry> observationRegistry,
      ObjectProvider<VectorStoreObservationConvention> convention,
      ObjectProvider<BatchingStrategy> batchingStrategy) {
    if (properties.getModel() == null || properties.getEncoding() == null) {
      throw QuarryException.invalid(
          QuarryVectorStoreProperties.PREFIX + ".model and .encoding must not be empty");
    }
    QuarryVectorStore.Builder builder =
        QuarryVectorStore.builder(properties.getPath())
            .model(properties.getModel())
            .encoding(properties.getEncoding())
            .observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
            .customObservationConvention(convention.getIfAvailable(() -> null));
    batchingStrategy.ifUnique(builder::batchingStrategy);
    return builder.build();
  }
}
