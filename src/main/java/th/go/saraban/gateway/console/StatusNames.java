package th.go.saraban.gateway.console;

import java.util.Map;

/** Thai names of the register's and the outbox's statuses, with the code (as the API and the tables spell it) beside. */
final class StatusNames {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("registered", "ลงทะเบียนแล้ว"),
            Map.entry("needs_review", "ต้องตรวจสอบ"),
            Map.entry("oversize", "ขนาดเกินกำหนด"),
            Map.entry("unfetchable", "ดึงจากเซิร์ฟเวอร์ไม่ได้"),
            Map.entry("unreadable", "อ่านไม่ได้"),
            Map.entry("routed", "ส่งต่อหน่วยงานแล้ว"),
            Map.entry("in_progress", "กำลังดำเนินการ"),
            Map.entry("done", "ดำเนินการแล้ว"),
            Map.entry("cancelled", "ยกเลิก"),
            Map.entry("queued", "รอส่ง"),
            Map.entry("sending", "กำลังส่ง"),
            Map.entry("sent", "ส่งแล้ว"),
            Map.entry("failed", "ส่งไม่สำเร็จ"),
            Map.entry("uncertain", "ไม่แน่ใจว่าส่งถึง"),
            Map.entry("refused", "ปฏิเสธการส่ง"),
            Map.entry("acknowledgement", "ตอบรับอัตโนมัติ"),
            Map.entry("reply", "หนังสือตอบ"));

    private StatusNames() {
    }

    static String of(String code) {
        String name = NAMES.get(code);
        return name == null ? code : name + " (" + code + ")";
    }
}
