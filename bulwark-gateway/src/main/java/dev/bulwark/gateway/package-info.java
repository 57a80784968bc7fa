/**
 * The data plane: {@link dev.bulwark.gateway.Gateway} starts Vert.x listeners that run every
 * request through the pipeline and forward what passes; {@link dev.bulwark.gateway.GatewayOptions}
 * and {@link dev.bulwark.gateway.GatewayServices} are what the server wires in.
 */
package dev.bulwark.gateway;
