package io.agenthub.ingest;

import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Symbol;
import io.agenthub.ingest.config.FeedKind;
import io.agenthub.ingest.config.IngestProperties;
import io.agenthub.ingest.feed.MarketFeed;
import io.agenthub.ingest.feed.hashkey.HashKeyFeed;
import io.agenthub.ingest.feed.hashkey.config.HashKeySettings;
import io.agenthub.ingest.feed.hashkey.http.HashKeyReachability;
import io.agenthub.ingest.feed.ResumePoint;
import io.agenthub.ingest.feed.replay.CsvReplayFeed;
import io.agenthub.ingest.feed.synthetic.SyntheticFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the feed the configuration asks for; for {@code auto}, the best one available, saying why. */
final class FeedFactory {

    private static final Logger log = LoggerFactory.getLogger(FeedFactory.class);

    private FeedFactory() {
    }

    /** @param resume the last tick published by a previous run, by source and symbol */
    static MarketFeed create(IngestProperties props, Instruments instruments, Clock clock, Resume resume) {
        List<Instrument> symbols = props.symbols().stream().map(instruments::resolve).toList();
        return switch (props.feed()) {
            case REPLAY -> replay(props, instruments, clock, resume, replayFile(props)
                    .orElseThrow(() -> new IllegalStateException("feed=replay but no file: " + BundledDataset.require())));
            case SYNTHETIC -> synthetic(props, symbols, clock, resume);
            case HASHKEY -> new HashKeyFeed(hashKeySettings(props), instruments, clock);
            case AUTO -> auto(props, instruments, symbols, clock, resume);
        };
    }

    /** Looks up where a source left off for a symbol. */
    @FunctionalInterface
    interface Resume {
        Optional<ResumePoint> lastPublished(String source, Symbol symbol);
    }

    /** HashKey Global when its REST API answers in time, else the bundled replay, else synthetic data. */
    private static MarketFeed auto(IngestProperties props, Instruments instruments, List<Instrument> symbols, Clock clock,
                                   Resume resume) {
        HashKeySettings hashKey = hashKeySettings(props);
        if (HashKeyReachability.probe(hashKey.restBaseUrl(), props.hashkey().probeTimeout())) {
            log.info("market feed: HashKey Global at {} answered; using it", hashKey.restBaseUrl());
            return new HashKeyFeed(hashKey, instruments, clock);
        }
        Optional<Path> file = replayFile(props);
        if (file.isPresent()) {
            log.info("market feed: HashKey Global at {} did not answer within {}; replaying {}", hashKey.restBaseUrl(),
                    props.hashkey().probeTimeout(), file.get());
            return replay(props, instruments, clock, resume, file.get());
        }
        log.warn("market feed: synthetic data (HashKey Global at {} did not answer and there is no replay file: set "
                + "agenthub.ingest.replay.file or AGENTHUB_SHARED_DIR)", hashKey.restBaseUrl());
        return synthetic(props, symbols, clock, resume);
    }

    /** Production or sandbox hosts, each overridable; the feed's watermark cadence follows the service's. */
    static HashKeySettings hashKeySettings(IngestProperties props) {
        IngestProperties.HashKey config = props.hashkey();
        HashKeySettings.Builder builder = (config.sandbox() ? HashKeySettings.sandbox(props.symbols())
                : HashKeySettings.production(props.symbols())).toBuilder()
                .watermarkInterval(props.watermarkInterval())
                .lateness(config.lateness());
        if (!config.restBaseUrl().isBlank()) {
            builder.restBaseUrl(URI.create(config.restBaseUrl()));
        }
        if (!config.wsUrl().isBlank()) {
            builder.wsUrl(URI.create(config.wsUrl()));
        }
        return builder.build();
    }

    private static Optional<Path> replayFile(IngestProperties props) {
        Path configured = props.replay().file();
        if (configured != null && !configured.toString().isBlank()) {
            if (!Files.isReadable(configured)) {
                throw new IllegalStateException("replay file " + configured + " does not exist or cannot be read");
            }
            return Optional.of(configured);
        }
        return BundledDataset.find();
    }

    private static MarketFeed replay(IngestProperties props, Instruments instruments, Clock clock, Resume resume, Path file) {
        IngestProperties.Replay replay = props.replay();
        Instrument instrument = instruments.resolve(replay.symbol());
        ResumePoint from = resume.lastPublished("replay", instrument.symbol()).orElse(null);
        return new CsvReplayFeed(new CsvReplayFeed.Settings(file, instrument, replay.speed(),
                replay.loop(), replay.anchorToNow(), replay.history(), props.watermarkInterval(), from), clock);
    }

    private static MarketFeed synthetic(IngestProperties props, List<Instrument> symbols, Clock clock, Resume resume) {
        IngestProperties.Synthetic s = props.synthetic();
        Map<Symbol, ResumePoint> from = new HashMap<>();
        for (Instrument instrument : symbols) {
            resume.lastPublished("synthetic", instrument.symbol()).ifPresent(point -> from.put(instrument.symbol(), point));
        }
        return new SyntheticFeed(new SyntheticFeed.Settings(symbols, Map.of(), s.seed(), s.tickInterval(), s.speed(),
                null, null, s.calmVolatility(), s.turbulentVolatility(), s.regimeSwitchPerHour(), s.meanSize(),
                props.watermarkInterval(), from, s.history()), clock);
    }
}
