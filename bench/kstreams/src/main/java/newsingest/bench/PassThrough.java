package newsingest.bench;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Copies every record of one topic to another, key and value as bytes, unchanged: the least work a Kafka
 * Streams application can do, exactly-once (v2), two stream threads. Arguments: bootstrap servers, input
 * topic, output topic, application id, state directory. Runs until it is sent SIGTERM or SIGINT.
 */
public final class PassThrough {
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 5) {
      System.err.println("usage: PassThrough BOOTSTRAP INPUT OUTPUT APPLICATION_ID STATE_DIR");
      System.exit(2);
    }
    Properties config = new Properties();
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, args[3]);
    config.put(StreamsConfig.STATE_DIR_CONFIG, args[4]);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
    config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");

    StreamsBuilder builder = new StreamsBuilder();
    builder
        .stream(args[1], Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(args[2], Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));

    KafkaStreams streams = new KafkaStreams(builder.build(), config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  streams.close();
                  stopped.countDown();
                }));
    streams.setUncaughtExceptionHandler(
        error -> {
          System.err.println("pass-through failed: " + error);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
              .SHUTDOWN_APPLICATION;
        });
    streams.start();
    stopped.await();
  }
}
