package io.agenthub.core.codec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact decimals in the binary state the processor and the paper venue keep in their stores: the unscaled value's
 * bytes (a length byte, -1 for null, then two's complement) and the scale. No text on hot paths.
 */
public final class BinaryDecimals {

    private BinaryDecimals() {
    }

    public static void write(DataOutput out, BigDecimal value) throws IOException {
        if (value == null) {
            out.writeByte(-1);
            return;
        }
        byte[] unscaled = value.unscaledValue().toByteArray();
        if (unscaled.length > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("a decimal of " + unscaled.length + " bytes is too long to keep: " + value);
        }
        out.writeByte(unscaled.length);
        out.write(unscaled);
        out.writeInt(value.scale());
    }

    public static BigDecimal read(DataInput in) throws IOException {
        int length = in.readByte();
        if (length < 0) {
            return null;
        }
        byte[] unscaled = new byte[length];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), in.readInt());
    }
}
