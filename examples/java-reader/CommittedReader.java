// A Kafka Java client reading a news-ingest output topic as every downstream Java service should: isolation
// read_committed (outputs are written in transactions), the codec of each batch (zstd by default) decoded by the
// client itself. Reads every partition from the beginning up to its end as read_committed sees it (the last
// stable offset) and prints one line per record: partition, offset, the value (one JSON line).
//
//   java -cp 'kafka-clients and its dependencies/*' CommittedReader.java BROKERS TOPIC
//
// The test test/consumer/downstream-subscriber.test.ts runs it with the jars of the local broker
// (tools/kafka/lib/<version>, kafka-clients at the broker's version).

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

public class CommittedReader {
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: CommittedReader BROKERS TOPIC");
      System.exit(2);
    }
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = consumer.partitionsFor(args[1]).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition()))
          .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // With read_committed, the end offsets are the last stable offsets: nothing past an open transaction.
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long records = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          String value = record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8);
          System.out.println(record.partition() + "\t" + record.offset() + "\t" + value.replace('\n', ' '));
          records++;
        }
      }
      System.err.println("CommittedReader: " + records + " committed records from " + partitions.size() + " partitions");
    }
  }
}
