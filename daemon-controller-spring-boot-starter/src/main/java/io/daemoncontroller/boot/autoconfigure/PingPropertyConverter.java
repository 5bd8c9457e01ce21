package io.daemoncontroller.boot.autoconfigure;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;

/**
 * Binds the {@code ping} property: one value, or a list of them (each element bound on its own, from a YAML list or
 * {@code ping[0]}, {@code ping[1]}...). A single value is one ping, whole: it is never split at commas, which a
 * command or a URL may hold. A blank value binds as unset, and a bad one fails with what is wrong.
 */
@ConfigurationPropertiesBinding
final class PingPropertyConverter implements ConditionalGenericConverter {

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, PingProperty.class),
                new ConvertiblePair(String.class, Collection.class));
    }

    @Override
    public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
        TypeDescriptor element = targetType.getElementTypeDescriptor();
        return targetType.getType() == PingProperty.class
                || (element != null && element.getType() == PingProperty.class);
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null || ((String) source).isBlank()) {
            return null;
        }
        PingProperty ping = PingProperty.parse((String) source);
        return targetType.getType() == PingProperty.class ? ping : List.of(ping);
    }
}
