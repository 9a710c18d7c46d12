package dev.proxywasm.harness;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The VM's shared queues: registered by name, addressed by token, as in cpp-host. */
final class SharedQueues {
  /** One queue and the plugin context told when an item arrives. */
  static final class Queue {
    final int token;
    int contextId;
    final Deque<byte[]> items = new ArrayDeque<>();

    Queue(int token, int contextId) {
      this.token = token;
      this.contextId = contextId;
    }
  }

  private final Map<String, Queue> byName = new HashMap<>();
  private final Map<Integer, Queue> byToken = new HashMap<>();
  private int nextToken = 1;

  private static String key(String vmId, String name) {
    return vmId + "\0" + name;
  }

  /** Registers (or re-registers, keeping the items) a queue owned by {@code contextId}. */
  int register(String vmId, String name, int contextId) {
    Queue queue = byName.get(key(vmId, name));
    if (queue != null) {
      queue.contextId = contextId;
      return queue.token;
    }
    queue = new Queue(nextToken++, contextId);
    byName.put(key(vmId, name), queue);
    byToken.put(queue.token, queue);
    return queue.token;
  }

  /** The queue's token, or 0 when there is none by that name. */
  int resolve(String vmId, String name) {
    Queue queue = byName.get(key(vmId, name));
    return queue == null ? 0 : queue.token;
  }

  Queue byToken(int token) {
    return byToken.get(token);
  }

  Queue byName(String vmId, String name) {
    return byName.get(key(vmId, name));
  }
}
