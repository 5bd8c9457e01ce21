package io.daemoncontroller.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;

/** Binds the {@code ping} property; a blank value binds as unset, and a bad one fails with what is wrong. */
@ConfigurationPropertiesBinding
final class PingPropertyConverter implements Converter<String, PingProperty> {

    @Override
    public PingProperty convert(String source) {
        return source.isBlank() ? null : PingProperty.parse(source);
    }
}
