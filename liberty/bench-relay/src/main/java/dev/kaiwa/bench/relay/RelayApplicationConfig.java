package dev.kaiwa.bench.relay;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Registers the relay at {@code /relay/{peerId}} when {@code kaiwa.bench.relay.enabled} is true, a
 * server variable only the bench profile sets. A WAR left in a server's dropins by an interrupted
 * benchmark therefore serves nothing on a server built without the profile.
 */
public final class RelayApplicationConfig implements ServerApplicationConfig {
    static final String ENABLED = "kaiwa.bench.relay.enabled";
    static final String PATH = "/relay/{peerId}";

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        boolean enabled = ConfigProvider.getConfig().getOptionalValue(ENABLED, Boolean.class).orElse(false);
        if (!enabled) {
            return Set.of();
        }
        RelayPeers peers = new RelayPeers();
        return Set.of(ServerEndpointConfig.Builder.create(RelayEndpoint.class, PATH)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new RelayEndpoint(peers));
                    }
                })
                .build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
