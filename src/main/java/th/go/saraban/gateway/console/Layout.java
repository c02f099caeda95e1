package th.go.saraban.gateway.console;

import java.util.List;

/**
 * The frame of every console page: Thai language, a viewport for phones, the one style sheet,
 * the menu, who is signed in, and the sign-out button (a POST form with the CSRF token).
 */
public final class Layout {

    private static final List<String[]> MENU = List.of(
            new String[] {ConsolePaths.ROOT, "วันนี้"},
            new String[] {ConsolePaths.REGISTER, "ทะเบียนรับ"},
            new String[] {ConsolePaths.COMPLIANCE, "การตรวจกล่องจดหมาย"},
            new String[] {ConsolePaths.NEEDS_A_PERSON, "รอเจ้าหน้าที่"},
            new String[] {ConsolePaths.OUTBOX, "หนังสือขาออก"});

    private final String agencyName;

    public Layout(String agencyName) {
        this.agencyName = agencyName;
    }

    /** @param current the menu entry this page belongs to */
    public Html page(String title, String current, Officer officer, Html content) {
        Html menu = Html.join(MENU.stream().map(item -> item[0].equals(current)
                ? Html.of("<a href=\"{}\" aria-current=\"page\">{}</a>", item[0], item[1])
                : Html.of("<a href=\"{}\">{}</a>", item[0], item[1])).toList());
        Html who = officer == null ? Html.EMPTY : Html.of("<div class=\"who\"><span>{} ({})</span>"
                + "<form method=\"post\" action=\"{}\">{}<button type=\"submit\" class=\"link\">ออกจากระบบ</button>"
                + "</form></div>", officer.name(), officer.isAdmin() ? "ผู้ดูแลระบบ" : "เจ้าหน้าที่",
                ConsolePaths.SIGN_OUT, csrfField(officer));
        Html nav = officer == null ? Html.EMPTY : Html.of("<nav aria-label=\"เมนู\">{}</nav>", menu);
        return document(title, Html.of("<header><div class=\"bar\"><span class=\"agency\">{}</span>{}</div>{}</header>"
                + "<main><h1>{}</h1>{}</main>", agencyName, who, nav, title, content));
    }

    public Html errorPage(int status, String message, Officer officer) {
        Html back = Html.of("<p><a href=\"{}\">กลับหน้าแรก</a></p>", ConsolePaths.ROOT);
        return page("ทำรายการไม่ได้ (" + status + ")", "", officer,
                Html.of("<p class=\"notice error\" role=\"alert\">{}</p>{}", message, back));
    }

    /** The hidden field every state-changing form carries. */
    public static Html csrfField(Officer officer) {
        return Html.of("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", officer.csrfToken());
    }

    Html document(String title, Html body) {
        return Html.of("<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>{} – สารบรรณกลาง</title><link rel=\"stylesheet\" href=\"{}console.css\">"
                + "<script src=\"{}console.js\" defer></script></head><body>{}</body></html>",
                title, ConsolePaths.ASSETS, ConsolePaths.ASSETS, body);
    }
}
