package io.agenthub.api.secrets;

import io.agenthub.api.app.ApiProperties;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.secrets.MasterKeys;
import io.agenthub.secrets.SecretCipher;
import io.agenthub.secrets.SecretResolver;
import io.agenthub.secrets.SecretStore;
import io.agenthub.secrets.TransportEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/** The shared secret library, wired for the API: sealed in PostgreSQL, resolved ephemeral → agent → user → env. */
@Configuration
public class SecretsConfig {

    private static final Logger log = LoggerFactory.getLogger(SecretsConfig.class);

    @Bean
    MasterKeys masterKeys(ApiProperties properties) {
        String spec = properties.secrets().masterKeys();
        if (spec.isBlank()) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            log.warn("agenthub.api.secrets.master-keys is not set: secrets are sealed with a random key and cannot be read after a restart");
            return MasterKeys.parse("ephemeral:" + Base64.getEncoder().encodeToString(key));
        }
        return MasterKeys.parse(spec);
    }

    @Bean
    SecretStore secretStore(DataSource dataSource, MasterKeys keys, Clock clock) {
        // joins the Spring transaction of the caller, so an agent and its secrets change together
        return new SecretStore(new TransactionAwareDataSourceProxy(dataSource), new SecretCipher(keys), clock);
    }

    @Bean
    SecretResolver secretResolver(SecretStore store) {
        return new SecretResolver(store, System::getenv);
    }

    @Bean(destroyMethod = "close")
    OverridePublisher overridePublisher(ApiProperties properties, Topics topics, MasterKeys keys, Clock clock) {
        return new OverridePublisher(properties.kafka().bootstrapServers(), properties.kafka().applicationId() + "-overrides",
                topics.agentsCredentials(), new SecretCipher(keys), clock, Duration.ofSeconds(15));
    }

    @Bean
    TransportEnvelope.TransportKey transportKey(MasterKeys keys) {
        return TransportEnvelope.transportKey(keys);
    }

    @Bean
    PlainSecrets plainSecrets(ApiProperties properties) {
        return new PlainSecrets(properties.secrets().plainValues());
    }

    /** Key rotation: whatever an older master key sealed is sealed again with the current one. */
    @Bean
    ApplicationRunner resealSecrets(SecretStore store, MasterKeys keys) {
        return args -> {
            int resealed = store.reseal();
            if (resealed > 0) {
                log.info("re-sealed {} secrets with master key {}", resealed, keys.currentId());
            }
        };
    }
}
