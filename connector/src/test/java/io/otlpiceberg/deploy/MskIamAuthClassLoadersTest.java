package io.otlpiceberg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where aws-msk-iam-auth must live for the Iceberg sink's own Kafka clients, found out with the
 * real library (2.3.2) in class loaders arranged as a Connect worker arranges them: the worker's
 * classpath (parent-first), and a plugin loader that looks in the plugin first and then delegates
 * to the worker, except for Kafka and JDK classes. Each case runs the client side of AWS_MSK_IAM up
 * to its first message: the login module registers the SASL provider, Kafka's way of creating a
 * SaslClient picks it, and the SaslClient asks the callback handler for credentials. That is where
 * two copies from two loaders used to fail ("Unsupported callback type"). IAM itself, the broker's
 * side, needs MSK and is not run here.
 */
class MskIamAuthClassLoadersTest {
  private static final String LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";
  private static final String HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";
  private static final String BROKER = "b-1.telemetry.abc123.c2.kafka.eu-west-1.amazonaws.com";
  private static URL library;

  @BeforeAll
  static void credentials() throws IOException {
    Path jar = Path.of(System.getProperty("otlp.mskIamAuthJar", "target/msk-iam-auth/x.jar"));
    assertThat(jar).as("copied by the connector build").exists();
    library = jar.toUri().toURL();
    // The SDK's default chain reads these first; the handler resolves credentials through it.
    System.setProperty("aws.accessKeyId", "AKIAOTLPICEBERGTEST1");
    System.setProperty("aws.secretAccessKey", "otlp-iceberg-test-secret");
    System.setProperty("aws.region", "eu-west-1");
  }

  @AfterAll
  static void clear() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.region");
  }

  @Test
  void mskConnectWithThePluginWithoutACopyUsesTheWorkersCopy() throws Exception {
    ClassLoader worker = new URLClassLoader("worker", new URL[] {library}, parent());
    ClassLoader plugin = new PluginLoader(new URL[0], worker);

    assertThat(firstIamMessage(worker)).isNotEmpty();
    assertThat(firstIamMessage(plugin)).isNotEmpty();
    assertThat(plugin.loadClass(HANDLER).getClassLoader()).isSameAs(worker);
  }

  @Test
  void twoCopiesOfARecentReleaseCoexist() throws Exception {
    ClassLoader worker = new URLClassLoader("worker", new URL[] {library}, parent());
    ClassLoader plugin = new PluginLoader(new URL[] {library}, worker);

    assertThat(firstIamMessage(worker)).isNotEmpty();
    // The plugin's own copy answers; since 2.x each copy registers a SASL client for its own
    // loader (AWS_MSK_IAM.<loader hash>) and the shared factory picks the handler's.
    assertThat(firstIamMessage(plugin)).isNotEmpty();
    assertThat(plugin.loadClass(HANDLER).getClassLoader()).isSameAs(plugin);
  }

  @Test
  void aWorkerWithoutTheLibraryNeedsItOnItsClasspath() throws Exception {
    ClassLoader worker = new URLClassLoader("worker", new URL[0], parent());
    ClassLoader plugin = new PluginLoader(new URL[0], worker);

    assertThatThrownBy(() -> firstIamMessage(plugin))
        .isInstanceOf(ClassNotFoundException.class)
        .hasMessageContaining(LOGIN_MODULE);
  }

  /**
   * The client side of AWS_MSK_IAM as Kafka runs it on a thread whose context loader is {@code
   * loader}: JAAS loads the login module, the config loads the callback handler, and
   * javax.security.sasl finds the client through the JVM-wide providers.
   */
  private static byte[] firstIamMessage(ClassLoader loader) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Class.forName(LOGIN_MODULE, true, loader);
      AuthenticateCallbackHandler handler =
          (AuthenticateCallbackHandler)
              Class.forName(HANDLER, true, loader).getConstructor().newInstance();
      handler.configure(
          Map.of(),
          "AWS_MSK_IAM",
          List.of(
              new AppConfigurationEntry(
                  LOGIN_MODULE, AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())));
      SaslClient client =
          Sasl.createSaslClient(
              new String[] {"AWS_MSK_IAM"}, null, "kafka", BROKER, Map.of(), handler);
      assertThat(client).as("a SASL client for AWS_MSK_IAM").isNotNull();
      return client.evaluateChallenge(new byte[0]);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /** Everything but the library comes from the test's own classpath (SDK, Kafka, Jackson). */
  private static ClassLoader parent() {
    return MskIamAuthClassLoadersTest.class.getClassLoader();
  }

  /**
   * Like Connect's PluginClassLoader: its own jars first, Kafka and JDK classes from the parent.
   */
  private static final class PluginLoader extends URLClassLoader {
    PluginLoader(URL[] urls, ClassLoader parent) {
      super("plugin", urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (name.startsWith("java.")
            || name.startsWith("javax.")
            || name.startsWith("org.apache.kafka.")
            || name.startsWith("org.slf4j.")) {
          return super.loadClass(name, resolve);
        }
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          try {
            loaded = findClass(name);
          } catch (ClassNotFoundException notHere) {
            loaded = getParent().loadClass(name);
          }
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }
}
