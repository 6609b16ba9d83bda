package io.agenthub.api.app;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description: its schemas use the wire's snake_case names (springdoc resolves models with swagger's own
 * mapper, which does not know Spring's naming strategy, so it is told here).
 */
@Configuration
public class OpenApiConfig {

    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI agentHubApi() {
        return new OpenAPI().info(new Info().title("Agent Hub API").version("v1")
                .description("AI trading agents on a Kafka Streams pipeline: accounts, agents, secrets, history, candles, backtests. "
                        + "Authenticate with `Authorization: Bearer <access token>` or `X-API-Key`; errors are RFC 9457 problem JSON."));
    }
}
