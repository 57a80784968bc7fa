/**
 * The request pipeline: the {@link dev.bulwark.gateway.pipeline.Stage} contract, the {@link
 * dev.bulwark.gateway.pipeline.Verdict} a stage returns, the {@link
 * dev.bulwark.gateway.pipeline.Exchange} carrying typed per-request state, and the {@link
 * dev.bulwark.gateway.pipeline.Pipeline} runner that enforces the contract. Nothing here knows HTTP
 * routing, identity or policy; those live in the stages.
 */
package dev.bulwark.gateway.pipeline;
