/**
 * The Authorize stage's decision logic: default deny; an integration may call only its own app,
 * only along its declared method + path templates, and only when its optional CEL condition holds.
 * Everything is compiled once per perimeter; a decision is a trie walk and, at most, one CEL
 * evaluation. Pure, no Vert.x.
 */
package dev.bulwark.gateway.authorize;
