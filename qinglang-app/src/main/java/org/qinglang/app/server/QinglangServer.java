package org.qinglang.app.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

/**
 * The governance server (治理服务): Spring Boot, started only by {@code bin/qinglang serve} so that the other
 * subcommands never load Spring. Scans {@code org.qinglang.app}'s feature packages (check, events, audit,
 * security, console …); the command-line classes there are not components and are left alone.
 */
@SpringBootApplication(scanBasePackages = "org.qinglang.app")
@ConfigurationPropertiesScan("org.qinglang.app")
public class QinglangServer {

    /**
     * Starts the server with {@code properties} (Spring property names → values) on top of
     * {@code application.properties}, and returns the running context. Only JDK types in the signature, so
     * that {@code ServeCommand} can call it without loading Spring before it runs.
     */
    public static AutoCloseable start(Map<String, Object> properties, String... args) {
        SpringApplication app = new SpringApplication(QinglangServer.class);
        app.setDefaultProperties(properties);
        ConfigurableApplicationContext ctx = app.run(args);
        return ctx;
    }
}
