package io.agenthub.core.trading;

import io.agenthub.core.strategy.Strategy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A strategy that says what the test tells it to: the next bar's signal is whatever was set last. */
final class ScriptedStrategy implements Strategy {

    private double next;
    private double signal;

    void say(double signal) {
        this.next = signal;
    }

    @Override
    public double onBar(long openTimeMillis, double open, double high, double low, double close, double volume) {
        signal = next;
        return signal;
    }

    @Override
    public double signal() {
        return signal;
    }

    @Override
    public String explain() {
        return "scripted " + signal;
    }

    @Override
    public int warmup() {
        return 1;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public long barsSeen() {
        return 1;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeDouble(next);
        out.writeDouble(signal);
    }

    @Override
    public void read(DataInput in) throws IOException {
        next = in.readDouble();
        signal = in.readDouble();
    }
}
