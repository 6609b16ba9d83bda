package io.agenthub.api.app;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.agenthub.api.auth.SecurityConfig;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.AntPathMatcher;

import java.util.Arrays;
import java.util.List;

/**
 * The OpenAPI description: its schemas use the wire's snake_case names (springdoc resolves models with swagger's own
 * mapper, which does not know Spring's naming strategy, so it is told here). Every operation says how it is
 * authenticated: a Bearer access token or an API key by default, {@code security: []} on the public routes
 * ({@link SecurityConfig#PUBLIC_API}), the Bearer token only where an API key may not go ({@link SecurityConfig#SIGNED_IN_ONLY}).
 */
@Configuration
public class OpenApiConfig {

    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";

    @Bean
    OpenAPI agentHubApi() {
        return new OpenAPI().info(new Info().title("Agent Hub API").version("v1")
                        .description("AI trading agents on a Kafka Streams pipeline: accounts, agents, secrets, history, candles, backtests. "
                                + "Authenticate with `Authorization: Bearer <access token>` or `X-API-Key`; the public routes (register, login, "
                                + "refresh, strategies, market data, leaderboard, the transport key) need neither and read neither. "
                                + "Errors are RFC 9457 problem JSON."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("access token from /api/auth/login, /register or /refresh (15 minutes)"))
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                                .name("X-API-Key").description("a key from POST /api/api-keys; it cannot manage keys")))
                .security(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(API_KEY)));
    }

    /** Public routes say so ({@code security: []}); the key routes take only a Bearer token. */
    @Bean
    OpenApiCustomizer routeSecurity() {
        AntPathMatcher paths = new AntPathMatcher();
        return api -> api.getPaths().forEach((path, item) -> {
            List<SecurityRequirement> security = Arrays.stream(SecurityConfig.PUBLIC_API).anyMatch(p -> paths.match(p, path)) ? List.of()
                    : Arrays.stream(SecurityConfig.SIGNED_IN_ONLY).anyMatch(p -> paths.match(p, path)) ? List.of(new SecurityRequirement().addList(BEARER))
                    : null;
            if (security != null) {
                for (Operation operation : item.readOperations()) {
                    operation.setSecurity(security);
                }
            }
        });
    }
}
