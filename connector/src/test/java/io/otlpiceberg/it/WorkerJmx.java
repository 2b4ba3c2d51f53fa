package io.otlpiceberg.it;

import com.sun.tools.attach.VirtualMachine;
import io.otlpiceberg.stack.ConnectWorker;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads an MBean from a running Connect worker as an operator's JMX client does: the test attaches
 * to the worker's JVM, starts its local management agent (what jconsole does), and reads over a JMX
 * connection.
 */
final class WorkerJmx {
  private WorkerJmx() {}

  /** Every attribute of the MBean, by name. */
  static Map<String, Object> attributes(ConnectWorker worker, String objectName) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(String.valueOf(worker.process().pid()));
    String address;
    try {
      address = vm.startLocalManagementAgent();
    } finally {
      vm.detach();
    }
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName name = new ObjectName(objectName);
      Map<String, Object> attributes = new LinkedHashMap<>();
      for (MBeanAttributeInfo info : server.getMBeanInfo(name).getAttributes()) {
        attributes.put(info.getName(), server.getAttribute(name, info.getName()));
      }
      return attributes;
    }
  }
}
