package dev.kubik.shell.kernel

import org.zeromq.SocketType
import org.zeromq.ZContext
import spock.lang.Specification

/** The kernel's wire format, on real JeroMQ sockets. */
class WireSpec extends Specification {
    def "a message sent by an interrupted thread (an interrupt_request during a cell) arrives whole, and the interrupt is kept"() {
        given:
        def context = new ZContext()
        def pull = context.createSocket(SocketType.PULL)
        pull.receiveTimeOut = 5000
        int port = pull.bindToRandomPort('tcp://127.0.0.1')
        def push = context.createSocket(SocketType.PUSH)
        push.connect("tcp://127.0.0.1:$port")
        def wire = new Wire('secret')
        boolean stillInterrupted = false
        Throwable thrown = null

        when:
        def cell = Thread.start {
            Thread.currentThread().interrupt()
            try {
                wire.send(push, [], 'update_display_data', null, Wire.JSON.createObjectNode().put('text', 'progress'))
            } catch (Throwable t) {
                thrown = t
            }
            stillInterrupted = Thread.currentThread().isInterrupted()
        }
        cell.join(10_000)
        def message = wire.receive(pull)

        then:
        thrown == null
        stillInterrupted
        message.type() == 'update_display_data'
        message.content().path('text').asText() == 'progress'

        cleanup:
        context.close()
    }
}
